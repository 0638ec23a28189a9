using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Answering;

/// <summary>
/// The metric's kinds come from the validator's own messages: each case makes the real validator reject
/// a draft, so a reworded message that no longer maps shows up here, not as "other" on a dashboard.
/// </summary>
public class ValidationFailureKindTests
{
    private static readonly IReadOnlyList<AnswerSource> Sources = AnswerSource.NumberAll(
    [
        new Passage([new Chunk("lean-mlops", 0, "Lean MLOps for Startups", null, 1200, 1274,
            "Kubeflow is a pain. All those YAML files and Kubernetes for a team of three.",
            [new ChunkLine(1217, "Nemanja", 0, 76, 0)])], 1),
    ]);

    private static string OnlyKind(DraftValidation validation) =>
        Assert.Single(validation.Errors.Select(ValidationFailureKind.Of).Distinct());

    private static DraftValidation Validate(string answer, params DraftCitation[] citations) =>
        CitationValidator.Validate(new DraftAnswer(DraftStatus.Answered, answer, citations), Sources, AnswerMode.Generative);

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    public void Of_UnparseableReply_IsSchema(string reply) =>
        Assert.Equal("schema", OnlyKind(CitationValidator.Validate(reply, Sources, AnswerMode.Generative)));

    [Fact]
    public void Of_QuoteNotInTheSource_IsQuoteNotFound() =>
        Assert.Equal("quote_not_found", OnlyKind(Validate("X [1].", new DraftCitation(1, 1, "we loved kubeflow very much", "20:17"))));

    [Fact]
    public void Of_TwoWordQuote_IsQuoteTooShort() =>
        Assert.Equal("quote_too_short", OnlyKind(Validate("X [1].", new DraftCitation(1, 1, "Kubeflow is", "20:17"))));

    [Fact]
    public void Of_SourceNotGiven_IsUnknownSource() =>
        Assert.Equal("unknown_source", OnlyKind(Validate("X [1].", new DraftCitation(1, 7, "Kubeflow is a pain", "20:17"))));

    [Theory]
    [InlineData("99:99:99")]
    [InlineData("soon")]
    public void Of_TimeOutsideOrUnreadable_IsTime(string start) =>
        Assert.Equal("time", OnlyKind(Validate("X [1].", new DraftCitation(1, 1, "Kubeflow is a pain", start))));

    [Fact]
    public void Of_MarkerWithoutCitation_IsMarkers() =>
        Assert.Equal("markers", OnlyKind(Validate("X [1] and Y [2].", new DraftCitation(1, 1, "Kubeflow is a pain", "20:17"))));

    [Fact]
    public void Of_NoMarkers_IsMarkers() =>
        Assert.Equal("markers", OnlyKind(Validate("No markers here.")));

    [Fact]
    public void Of_EmptyAnswer_IsEmpty() =>
        Assert.Equal("empty", OnlyKind(Validate("")));
}
