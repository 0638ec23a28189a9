using Ask.Core.Evaluation;
using Xunit.Abstractions;

namespace Ask.Adapters.Qdrant.Tests.Golden;

/// <summary>
/// The project's golden questions answered on the embedded store and on Qdrant (the real Qdrant.Client over
/// the wire to the in-process Qdrant-protocol server), over the same episodes with the same encoder: the
/// answers' statuses and top citations and the retrieval metrics must agree. The episodes are the
/// repository's sample episodes; <c>ASK_CORPUS_DIR</c> adds the archive episodes the first golden questions
/// are about (read from there at run time, never copied into the repository).
/// </summary>
public sealed class GoldenAnswersOnBothStoresTests : IClassFixture<GoldenRun>
{
    private readonly IReadOnlyList<EvaluationItem> _onEmbedded;
    private readonly IReadOnlyList<EvaluationItem> _onQdrant;

    private readonly ITestOutputHelper _output;

    public GoldenAnswersOnBothStoresTests(GoldenRun run, ITestOutputHelper output)
    {
        _output = output;
        _onEmbedded = run.OnEmbedded;
        _onQdrant = run.OnQdrant;
    }

    [Fact]
    public void StatusesAndTopCitations_AgreeForAtLeast95PercentOfTheQuestions()
    {
        Assert.Equal(_onEmbedded.Count, _onQdrant.Count);
        var differing = _onEmbedded.Zip(_onQdrant)
            .Where(pair => Outcome(pair.First) != Outcome(pair.Second))
            .Select(pair => $"{pair.First.Question.Id}: embedded {Outcome(pair.First)}, qdrant {Outcome(pair.Second)}")
            .ToList();

        _output.WriteLine($"{_onEmbedded.Count - differing.Count} of {_onEmbedded.Count} identical; answered on embedded {_onEmbedded.Count(i => i.Answer.Status == Core.Answering.AnswerStatus.Answered)}, on Qdrant {_onQdrant.Count(i => i.Answer.Status == Core.Answering.AnswerStatus.Answered)}");
        foreach (var line in differing) _output.WriteLine(line);
        Assert.True(differing.Count <= _onEmbedded.Count * 0.05,
            $"{differing.Count} of {_onEmbedded.Count} questions differ:\n" + string.Join('\n', differing));
        // Not a test that passes by refusing everything: the stores answer some of the questions.
        Assert.Contains(_onEmbedded, i => i.Answer.Status == Core.Answering.AnswerStatus.Answered);
    }

    [Fact]
    public void TopRetrievedMoments_AgreeForAtLeast95PercentOfTheQuestions()
    {
        var differing = _onEmbedded.Zip(_onQdrant).Count(pair => TopMoment(pair.First) != TopMoment(pair.Second));

        Assert.True(differing <= _onEmbedded.Count * 0.05, $"{differing} of {_onEmbedded.Count} questions retrieve another top moment");
    }

    [Fact]
    public void RetrievalMetrics_AreEqualWithin001()
    {
        var embedded = EvaluationSummary.From(_onEmbedded, 5).Metrics;
        var qdrant = EvaluationSummary.From(_onQdrant, 5).Metrics;

        foreach (var metric in new[] { "episode_hit@1", "episode_hit@5", "span_hit@1", "span_hit@5", "mrr@10", "ndcg@10", "unanswerable_refused", "answerable_refused" })
            Assert.True(Math.Abs((embedded[metric] ?? 0) - (qdrant[metric] ?? 0)) <= 0.01, $"{metric}: embedded {embedded[metric]}, qdrant {qdrant[metric]}");
    }

    private static string Outcome(EvaluationItem item) =>
        item.Answer.Citations.FirstOrDefault() is { } first
            ? $"{item.Answer.Status} {first.EpisodeId}@{first.StartSec:0.#}"
            : $"{item.Answer.Status}";

    private static string TopMoment(EvaluationItem item) =>
        item.Retrieved.FirstOrDefault() is { } top ? $"{top.EpisodeId}@{top.StartSec:0.#}" : "none";
}
