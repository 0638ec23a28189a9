using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Answering;

public class CitationValidatorTests
{
    // Lines: 1200 Alexey, 1217 Nemanja (two sentences), 1240 Alexey; the chunk ends at 1274.
    private static readonly IReadOnlyList<AnswerSource> Sources = AnswerSource.NumberAll(
    [
        new Passage([TestPassages.Chunk("lean-mlops", "Lean MLOps for Startups", 1200, 1274,
            ("Alexey", 1200, "What do you think about Kubeflow?"),
            ("Nemanja", 1217, "Kubeflow is a pain. All those YAML files and Kubernetes for a team of three."),
            ("Alexey", 1240, "And vendor lock-in?"))], 1),
        new Passage([TestPassages.Chunk("feature-stores", "Feature Stores Explained", 30, 90,
            ("Maria", 30, "We're using Kubernetes for the feature store."))], 0.5),
    ]);

    private static DraftValidation Validate(string answer, params DraftCitation[] citations) =>
        CitationValidator.Validate(new DraftAnswer(DraftStatus.Answered, answer, citations), Sources, AnswerMode.Generative);

    [Fact]
    public void Validate_GoodDraft_FillsEverythingFromTheChunkAndSnapsToTheLine()
    {
        var result = Validate("Nemanja finds Kubeflow painful for small teams [1].", new DraftCitation(1, 1, "all those yaml files and kubernetes", "20:30"));

        var citation = Assert.Single(Assert.IsType<Answer>(result.Answer).Citations);
        Assert.Equal("lean-mlops", citation.EpisodeId);
        Assert.Equal("Lean MLOps for Startups", citation.EpisodeTitle);
        Assert.Equal("Nemanja", citation.Speaker);
        Assert.Equal(1217, citation.StartSec);
        Assert.Equal(1240, citation.EndSec);
        Assert.Equal("All those YAML files and Kubernetes", citation.Quote);
        Assert.Equal("https://www.youtube.com/watch?v=yt-lean-mlops&t=1217s", citation.Url);
        Assert.Equal("20:17", citation.Start);
    }

    [Fact]
    public void Validate_QuoteRunningIntoTheNextSpeakersTurn_Rejected()
    {
        var result = Validate("Nemanja on Kubeflow [1].", new DraftCitation(1, 1, "for a team of three. And vendor lock-in?", "20:17"));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("Nemanja") && e.Contains("Alexey") && e.Contains("one speaker"));
    }

    [Theory]
    [InlineData("Kubeflow is painful, see https://evil.example/x [1].", "https://evil.example/x")]
    [InlineData("Kubeflow is painful, see www.evil.example [1].", "www.evil.example")]
    [InlineData("Kubeflow is painful [1]. <img src=x onerror=alert(1)>", "<img")]
    [InlineData("Kubeflow is [painful](http://evil.example) [1].", "[painful]")]
    public void Validate_LinkOrMarkupNoSourceContains_Rejected(string answer, string named)
    {
        var result = Validate(answer, new DraftCitation(1, 1, "all those yaml files and kubernetes", "20:17"));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("link or markup") && e.Contains(named));
    }

    [Fact]
    public void Validate_SourceNotRetrievedAndIndexOutOfRange_BothRejected()
    {
        var result = Validate("A [1] and B [2].",
            new DraftCitation(1, 5, "Kubeflow is a pain", "20:17"),
            new DraftCitation(2, 0, "Kubeflow is a pain", "20:17"));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("source 5") && e.Contains("1 to 2"));
        Assert.Contains(result.Errors, e => e.Contains("source 0"));
    }

    [Fact]
    public void Validate_ParaphrasedQuote_Rejected()
    {
        var result = Validate("They use Kubernetes [1].", new DraftCitation(1, 2, "we use kubernetes for the feature store", "0:30"));

        Assert.Contains(result.Errors, e => e.Contains("not in source 2"));
    }

    [Fact]
    public void Validate_QuoteUnderDocumentedNormalisation_Accepted()
    {
        var result = Validate("They use Kubernetes [1].", new DraftCitation(1, 2, "WE RE using   kubernetes, for the feature-store", "0:30"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("We're using Kubernetes for the feature store", result.Answer!.Citations[0].Quote);
    }

    [Fact]
    public void Validate_TimeOutsideTheSource_Rejected()
    {
        var result = Validate("Pain [1].", new DraftCitation(1, 1, "Kubeflow is a pain", "17:38"));

        Assert.Contains(result.Errors, e => e.Contains("17:38") && e.Contains("outside source 1"));
    }

    [Fact]
    public void Validate_MarkerWithoutCitationAndCitationWithoutMarker_Rejected()
    {
        var result = Validate("Pain [1] and more [3].", new DraftCitation(1, 1, "Kubeflow is a pain", "20:17"), new DraftCitation(2, 1, "vendor lock-in", "20:40"));

        Assert.Contains(result.Errors, e => e.Contains("[3]") && e.Contains("no citation"));
        Assert.Contains(result.Errors, e => e.Contains("Citation 2 has no [2] marker"));
    }

    [Fact]
    public void Validate_NoMarkers_Rejected() =>
        Assert.Contains(Validate("Kubeflow is a pain.").Errors, e => e.Contains("no [n] markers"));

    [Fact]
    public void Validate_AnsweredWithEmptyText_Rejected() =>
        Assert.Contains(Validate("  ").Errors, e => e.Contains("empty"));

    [Fact]
    public void Validate_QuoteOfOneWord_Rejected() =>
        Assert.Contains(Validate("Pain [1].", new DraftCitation(1, 1, "Kubeflow", "20:17")).Errors, e => e.Contains("at least"));

    [Fact]
    public void Validate_QuoteInsideAWord_Rejected() =>
        Assert.False(Validate("X [1].", new DraftCitation(1, 1, "ubeflow is a pai", "20:17")).IsValid);

    [Fact]
    public void Validate_NotInArchiveWithoutCitations_Accepted()
    {
        var result = CitationValidator.Validate("""{"status":"not_in_archive","answer":"","citations":[]}""", Sources, AnswerMode.Generative);

        Assert.Equal(AnswerStatus.NotInArchive, result.Answer!.Status);
        Assert.Equal(CitationValidator.NotInArchiveText, result.Answer.Text);
    }

    [Theory]
    [InlineData("The answer is Kubernetes.")]
    [InlineData("""{"answer":"X [1]","citations":[]}""")]
    [InlineData("""{"status":"answered","answer":"X [1]","citations":[{"marker":1,"source":1,"quote":"Kubeflow is a pain","start":"20:17"}],"extra":1}""")]
    [InlineData("""{"status":"answered","answer":"X [1]","citations":[{"marker":1,"source":1,"quote":"Kubeflow is a pain","start":""")]
    public void Validate_NotTheSchema_RejectedWithAParseError(string reply)
    {
        var result = CitationValidator.Validate(reply, Sources, AnswerMode.Generative);

        Assert.False(result.IsValid);
        Assert.Contains("JSON", result.Errors[0]);
    }

    [Fact]
    public void Validate_JsonReply_ParsesTheContract()
    {
        var reply = """{"status":"answered","answer":"Painful [1].","citations":[{"marker":1,"source":1,"quote":"Kubeflow is a pain","start":"20:17"}]}""";

        Assert.True(CitationValidator.Validate(reply, Sources, AnswerMode.Generative).IsValid);
    }

    [Fact]
    public void Validate_NextLinesShareTheQuotesEstimatedStart_EndsAtTheFirstLaterLineNeverAtItsStart()
    {
        var sources = AnswerSource.NumberAll([new Passage([TestPassages.Chunk("caps", "Captions", 646, 646,
            ("Guest", 646, "We label the data ourselves every week."),
            ("Guest", 646, "It takes a whole day."))], 1)]);
        var lastLine = AnswerSource.NumberAll([new Passage([TestPassages.Chunk("caps", "Captions", 646, 646,
            ("Guest", 646, "We label the data ourselves every single week of the year."))], 1)]);

        var middle = CitationValidator.Validate(new DraftAnswer(DraftStatus.Answered, "They label [1].", [new DraftCitation(1, 1, "We label the data ourselves", "10:46")]), sources, AnswerMode.Generative);
        var alone = CitationValidator.Validate(new DraftAnswer(DraftStatus.Answered, "They label [1].", [new DraftCitation(1, 1, "We label the data ourselves every single week of the year", "10:46")]), lastLine, AnswerMode.Generative);

        var a = Assert.Single(middle.Answer!.Citations);
        Assert.True(a.EndSec > a.StartSec, $"{a.Start}–{a.End}");
        var b = Assert.Single(alone.Answer!.Citations);
        Assert.Equal(646 + 5, b.EndSec);   // 11 words at 2.5 words a second
    }
}
