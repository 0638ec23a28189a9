using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Testing.Answering;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Ask.Testing.Indexing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Answering;

/// <summary>
/// Extractive answers over an interview — the host's introductions and lead-in questions, the guest's
/// replies — through an in-memory index: who is quoted, how much, and when the archive is silent.
/// </summary>
public sealed class SpeakerAwareAnswerTests : IAsyncLifetime
{
    private readonly HashingEmbeddingGenerator _embedder = new("hashing-test", 512);
    private readonly AnswerMetrics _metrics = new();
    private readonly InMemoryChunkIndex _index = new();

    private static Episode Interview() => new("escaping-lock-in", "Escaping Vendor Lock-In: Open Tables After the Warehouse Bill Tripled",
    [
        new(0, "Dana", "Welcome to the show. Today my guest is Ravi Menon, who leads the data platform team at Parcelwise. Welcome, Ravi."),
        new(15, "Ravi", "Thanks, Dana. I have been at Parcelwise for four years."),
        new(30, "Dana", "People say vendor lock-in a lot. What did vendor lock-in mean for your warehouse?"),
        new(45, "Ravi", "Vendor lock-in meant our warehouse bill tripled in one year. We could not move the data out without paying egress fees. So we moved the tables to an open format. Now any engine can read them."),
        new(90, "Dana", "How many parcel scans does Parcelwise process on a normal day?"),
        new(100, "Ravi", "Every scan of every parcel is an event for us. On a normal day that is around ninety million parcel scans. In the week before Christmas it goes above three hundred million."),
    ])
    {
        YouTubeId = "yt-lock-in",
        Guests = ["ravi-menon"],
        Source = "/episodes/escaping-lock-in.md",
    };

    public async Task InitializeAsync()
    {
        await TestIngestion.IngestAsync(_index, _embedder, new WordBasedTokenCounter(256), new ChunkingOptions { TargetWords = 200, MinWords = 5 }, Interview());
    }

    private AnswerService Sut() =>
        new(new Retriever(_index, _embedder, Options.Create(new RetrievalOptions())),
            new ExtractiveAnswerer(_embedder, Options.Create(new AnswerOptions { NotInArchiveThreshold = 0.05, SupportThreshold = 0 })), _embedder, _metrics,
            Options.Create(new AnswerOptions { NotInArchiveThreshold = 0.05, SupportThreshold = 0 }), NullLogger<AnswerService>.Instance);

    [Theory]
    [InlineData("What did Ravi say about vendor lock-in?")]
    [InlineData("What did Ravi Menon say about vendor lock-in?")]
    [InlineData("What is Menon's view on vendor lock-in?")]
    public async Task QuestionNamingTheGuest_InAnyForm_QuotesTheGuestNotTheHostsLeadIn(string question)
    {
        var answer = (await Sut().AskAsync(new ChatRequest(question), default)).Answer;

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Equal("Ravi", answer.Citations[0].Speaker);
        Assert.Contains("warehouse bill tripled", answer.Citations[0].Quote);
    }

    [Fact]
    public async Task QuestionNamingNobody_HostsLeadInIsStillNeverTheFirstCitation()
    {
        var answer = (await Sut().AskAsync(new ChatRequest("What do people say about vendor lock-in?"), default)).Answer;

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Ravi", c.Speaker));
    }

    [Fact]
    public async Task Answer_IsAnExcerptOfTheTurnInOrder_WithWhoSaidItWhereAndWhen()
    {
        var answer = (await Sut().AskAsync(new ChatRequest("What did Ravi say about vendor lock-in?"), default)).Answer;

        var citation = answer.Citations[0];
        // Several sentences of the reply, contiguous, never the question before it.
        Assert.StartsWith("Vendor lock-in meant our warehouse bill tripled in one year. We could not move the data out", citation.Quote);
        Assert.DoesNotContain("?", citation.Quote);
        Assert.True(citation.EndSec > citation.StartSec, $"{citation.Start}–{citation.End}");
        Assert.StartsWith($"Ravi, Escaping Vendor Lock-In, 0:45–{citation.End}: “Vendor lock-in meant", answer.Text);
        Assert.EndsWith("[1]", answer.Text.Split('\n')[0]);
    }

    [Fact]
    public async Task FigureQuestion_AnsweredWithTheSentenceThatStatesTheFigure()
    {
        var answer = (await Sut().AskAsync(new ChatRequest("How many parcel scans does Parcelwise process on a normal day?"), default)).Answer;

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.Contains("ninety million parcel scans", answer.Citations[0].Quote);
    }

    [Theory]
    [InlineData("How much funding did Parcelwise raise?")]
    [InlineData("In what year did Ravi join Parcelwise?")]
    [InlineData("What percentage of parcel scans fail at Parcelwise?")]
    public async Task FigureTheArchiveNeverStates_NotInArchive_ThoughTheTopicIsCovered(string question)
    {
        var answer = (await Sut().AskAsync(new ChatRequest(question), default)).Answer;

        Assert.Equal(AnswerStatus.NotInArchive, answer.Status);
        Assert.Empty(answer.Citations);
    }

    [Theory]
    [InlineData("How much funding did Parcelwise raise?", RefusalReason.FigureNotStated)]
    [InlineData("How many trucks does Parcelwise run on a normal day?", RefusalReason.FigureNotStated)]
    [InlineData("What does Parcelwise say about vendor lock-in?", RefusalReason.PersonNotHeard)]
    [InlineData("What does Priya Raman recommend about vendor lock-in?", RefusalReason.TermNotInSources)]
    public async Task NotInArchive_SaysWhichRuleDecidedIt(string question, RefusalReason reason)
    {
        var answer = (await Sut().AskAsync(new ChatRequest(question), default)).Answer;

        Assert.Equal(AnswerStatus.NotInArchive, answer.Status);
        Assert.Equal(reason, answer.Reason);
    }

    [Fact]
    public async Task QuestionAskingForAPersonsOwnWords_AnsweredOnlyWithTheirs()
    {
        var ravi = (await Sut().AskAsync(new ChatRequest("What does Ravi Menon say about vendor lock-in?"), default)).Answer;
        // Parcelwise is in every source and speaks in none: Ravi's words are not what it says.
        var company = (await Sut().AskAsync(new ChatRequest("What does Parcelwise think about vendor lock-in?"), default)).Answer;

        Assert.Equal(AnswerStatus.Answered, ravi.Status);
        Assert.All(ravi.Citations, c => Assert.Equal("Ravi", c.Speaker));
        Assert.Equal(AnswerStatus.NotInArchive, company.Status);
    }

    [Fact]
    public async Task CountOfSomethingElse_IsNotTheCountAskedFor()
    {
        // The archive counts parcel scans; a question counting employees finds numbers, none of employees.
        var employees = (await Sut().AskAsync(new ChatRequest("How many employees does Parcelwise have on a normal day?"), default)).Answer;
        var scans = (await Sut().AskAsync(new ChatRequest("How many scans does Parcelwise process in the week before Christmas?"), default)).Answer;

        Assert.Equal(AnswerStatus.NotInArchive, employees.Status);
        Assert.Equal(AnswerStatus.Answered, scans.Status);
        Assert.Contains("three hundred million", scans.Citations[0].Quote);
    }

    public Task DisposeAsync()
    {
        _metrics.Dispose();
        return Task.CompletedTask;
    }
}
