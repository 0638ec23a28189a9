using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Answering;

/// <summary>
/// Refusing only when the archive is silent, and whenever it is: figures stated in words, and a named guest
/// asked about a topic that only other episodes discuss.
/// </summary>
public sealed class ArchiveSilenceTests
{
    private readonly HashingEmbeddingGenerator _embedder = new("hashing-test", 512);

    [Theory]
    [InlineData("It costs several thousands of dollars to get a liter of water up into orbit right now.", true)]
    [InlineData("We paid thousands of euros for it.", true)]
    [InlineData("A few hundred dollars a month covers the servers.", true)]
    [InlineData("Thousands of users signed up in the first week.", false)]
    [InlineData("Several of them cost us a lot.", false)]
    public void AmountInWords_WithItsCurrency_StatesAnAmount(string text, bool states) =>
        Assert.Equal(states, FigureQuestion.States(text, FigureKind.Amount));

    private static IReadOnlyList<AnswerSource> SparkSources(string nicksWords) => AnswerSource.NumberAll(
    [
        TestPassages.Passage("interviews", ["nicksingh"], ("Alexey", 600, "What do you recommend?"), ("Nick", 610, nicksWords)),
        TestPassages.Passage("spark-tuning", ["priyaraman"], ("Priya", 900, "Tuning Spark jobs means fewer shuffles and the right number of partitions.")),
    ]);

    [Fact]
    public async Task NamedGuest_KeyTermOnlyOtherEpisodesHave_PersonNotHeard()
    {
        var answer = await AnswerAsync("What does Nick Singh recommend for tuning Spark jobs?",
            SparkSources("For tuning your career, I recommend posting tips on LinkedIn every day."));

        Assert.Equal(AnswerStatus.NotInArchive, answer.Status);
        Assert.Equal(RefusalReason.PersonNotHeard, answer.Reason);
    }

    [Fact]
    public async Task NamedGuest_KeyTermInTheirEpisode_Answered()
    {
        var answer = await AnswerAsync("What does Nick Singh recommend for tuning Spark jobs?",
            SparkSources("For tuning Spark jobs, I recommend caching the tables you read twice."));

        Assert.True(answer.Status == AnswerStatus.Answered, $"{answer.Status} {answer.Reason}");
        Assert.All(answer.Citations, c => Assert.Equal("Nick", c.Speaker));
    }

    [Fact]
    public async Task QuestionNamingNobody_KeyTermInAnyEpisode_Answered()
    {
        var answer = await AnswerAsync("What is recommended for tuning Spark jobs?",
            SparkSources("For tuning your career, I recommend posting tips on LinkedIn every day."));

        Assert.True(answer.Status == AnswerStatus.Answered, $"{answer.Status} {answer.Reason}");
        Assert.Equal("Priya", answer.Citations[0].Speaker);
    }

    [Fact]
    public void KeyTerms_MissingFromOnePersonsSources_ButNamingAnotherPerson_NotMissing()
    {
        var sources = SparkSources("I recommend posting tips on LinkedIn every day.");

        Assert.Equal(["Spark"], KeyTerms.MissingFrom("Would Nick Singh tune Spark jobs like Priya Raman?", [sources[0]], sources));
    }

    // Only the rule under test decides: no similarity threshold, no margin for a person's words.
    private Task<Answer> AnswerAsync(string question, IReadOnlyList<AnswerSource> sources) =>
        TestAnswers.ExtractiveAsync(_embedder, question, sources, new AnswerOptions { NotInArchiveThreshold = 0.01, SupportThreshold = 0, UnknownWordMatch = 0, RequireKeyTerms = true, PersonMargin = 1 });
}
