using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Answering;

/// <summary>
/// Which moments an extractive answer quotes: the first retrieved passage's, though a sentence elsewhere sounds
/// closer; and the host's own story, after the guests, when it answers the question better than they do.
/// </summary>
public sealed class ExcerptChoiceTests
{
    private readonly HashingEmbeddingGenerator _embedder = new("hashing-test", 512);

    private static IReadOnlyList<AnswerSource> LockInSources() => AnswerSource.NumberAll(
    [
        // Retrieval's first passage; its sentence is 0.26 below the other source's (hashing embeddings).
        TestPassages.Passage("warehouse-bill", ["ravimenon"], ("Ravi", 300, "Vendor lock-in hurt us, our tables could not leave the warehouse.")),
        TestPassages.Passage("startup-costs", ["priyaraman"], ("Priya", 900, "Vendor lock-in for startups is a cost paid later, say the guests.")),
    ]);

    [Fact]
    public async Task FirstSourcesBestSentence_WellBelowAStraySentenceElsewhere_StillQuoted()
    {
        var answer = await AnswerAsync("What did the guests say about vendor lock-in for startups?", LockInSources());

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal("Priya", answer.Citations[0].Speaker);
        Assert.Contains(answer.Citations, c => c.Speaker == "Ravi" && c.EpisodeId == "warehouse-bill");
    }

    [Fact]
    public async Task FirstSourcesBestSentence_BeyondTheTopSourceMargin_Left()
    {
        var answer = await AnswerAsync("What did the guests say about vendor lock-in for startups?", LockInSources(), o => o.TopSourceMargin = 0.12);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Priya", c.Speaker));
    }

    private const string ParentsEvening = "How did someone summarize a school parents evening with Whisper and GPT?";
    private const string HostStory = "I put the recording of the school parents evening into Whisper and had GPT summarize it.";

    private static AnswerSource DevRel(string hostTurn, double hostSec = 600) => new(1,
        TestPassages.Passage("devrel", ["hugobowne"],
            ("Alexey", hostSec, hostTurn),
            ("Hugo", 1200, "Whisper is good at transcribing and GPT can summarize long transcripts.")));

    [Fact]
    public async Task HostTellingHisOwnStory_CloserThanEveryGuest_QuotedAfterTheGuest()
    {
        var answer = await AnswerAsync(ParentsEvening, [DevRel(HostStory)]);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal("Hugo", answer.Citations[0].Speaker);
        Assert.Equal("Alexey", answer.Citations[^1].Speaker);
        Assert.Equal(HostStory.TrimEnd('.'), answer.Citations[^1].Quote);
    }

    [Theory]
    [InlineData(HostStory + " Have you tried that?", 600)]                                       // a lead-in to a question
    [InlineData("Our guest is Hugo. " + HostStory, 600)]                                        // an introduction of the guest
    [InlineData(HostStory, 60)]                                                                 // the episode's opening minutes
    public async Task HostsLeadInOrIntroduction_NeverQuoted(string hostTurn, double hostSec)
    {
        var answer = await AnswerAsync(ParentsEvening, [DevRel(hostTurn, hostSec)]);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Hugo", c.Speaker));
    }

    [Fact]
    public async Task HostStory_TurnedOff_NotQuoted()
    {
        var answer = await AnswerAsync(ParentsEvening, [DevRel(HostStory)], o => o.HostStoryMargin = 1);

        Assert.All(answer.Citations, c => Assert.Equal("Hugo", c.Speaker));
    }

    [Fact]
    public async Task HostStory_QuestionAboutAGuestsOwnWords_NotQuoted()
    {
        var answer = await AnswerAsync("What does Hugo say about how to summarize a school parents evening with Whisper and GPT?", [DevRel(HostStory)],
            o => o.PersonMargin = 1);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Hugo", c.Speaker));
    }

    private Task<Answer> AnswerAsync(string question, IReadOnlyList<AnswerSource> sources, Action<AnswerOptions>? configure = null)
    {
        var options = TestAnswers.Lenient();
        configure?.Invoke(options);
        return TestAnswers.ExtractiveAsync(_embedder, question, sources, options);
    }
}
