using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Evaluation;

namespace Ask.Core.Tests.Evaluation;

public sealed class EvaluationSummaryTests
{
    private static EvaluationItem Item(string id, int? spanRank, int? episodeRank, AnswerStatus status, bool answerable = true,
        IReadOnlyList<FactVerdict>? facts = null, bool? citationOnSpan = null, double totalMs = 10, string[]? tags = null, int repairs = 0) => new()
    {
        Question = new GoldenQuestion(id, "q " + id, answerable ? "ep" : null, answerable ? 100 : null, answerable ? 130 : null) { Tags = tags ?? [] },
        Retrieved = [],
        SpanRank = spanRank,
        EpisodeRank = episodeRank,
        Ndcg = spanRank is { } r ? 1 / Math.Log2(r + 1) : 0,
        Answer = new Answer(status, status == AnswerStatus.Answered ? "text [1]" : CitationValidator.NotInArchiveText, [], AnswerMode.Extractive) { RepairRounds = repairs },
        CitationSpanMatch = answerable ? citationOnSpan ?? false : null,
        Facts = facts ?? [],
        TimingsMs = new Dictionary<string, double> { ["total_ms"] = totalMs, ["extract_ms"] = totalMs / 2 },
    };

    [Fact]
    public void Metrics_CountHitsRanksAndRefusalsOverTheRightQuestions()
    {
        var items = new[]
        {
            Item("a", 1, 1, AnswerStatus.Answered, citationOnSpan: true, tags: ["opinion"]),
            Item("b", 3, 1, AnswerStatus.Answered, citationOnSpan: false, tags: ["opinion"]),
            Item("c", null, 7, AnswerStatus.NotInArchive, tags: ["keyword"]),
            Item("d", 12, null, AnswerStatus.Answered, citationOnSpan: false),
            Item("u1", null, null, AnswerStatus.NotInArchive, answerable: false),
            Item("u2", null, null, AnswerStatus.Answered, answerable: false),
        };

        var m = EvaluationSummary.From(items, 10).Metrics;

        Assert.Equal(0.5, m["episode_hit@1"]);
        Assert.Equal(0.5, m["episode_hit@5"]);
        Assert.Equal(0.75, m["episode_hit@10"]);
        Assert.Equal(0.25, m["span_hit@1"]);
        Assert.Equal(0.5, m["span_hit@5"]);
        Assert.Equal(0.5, m["span_hit@10"]);
        Assert.Equal(Math.Round((1 + 1 / 3.0) / 4, 4), m["mrr@10"]);
        Assert.Equal(Math.Round(1 / 3.0, 4), m["citation_span_match"]);
        Assert.Equal(0.25, m["answerable_refused"]);
        Assert.Equal(0.5, m["unanswerable_refused"]);
        Assert.Equal(0, m["fabricated_citations"]);
    }

    [Fact]
    public void Metrics_WithNoUnanswerableQuestions_AreNullNeverNaN()
    {
        var summary = EvaluationSummary.From([Item("a", 1, 1, AnswerStatus.Answered)], 10);

        Assert.Null(summary.Metrics["unanswerable_refused"]);
        Assert.Null(summary.Metrics["fact_recall"]);
        var json = JsonSerializer.Serialize(summary.Metrics);
        Assert.DoesNotContain("NaN", json);
    }

    [Fact]
    public void UnscorableFacts_AreCountedApartFromScoredOnes_AndFailTheGateAboveTenPercent()
    {
        // Twenty facts, three without a verdict from the judge (FAILURE-MODES 40).
        var verdicts = Enumerable.Range(0, 20)
            .Select(i => new FactVerdict("fact " + i, i < 3 ? null : i % 2 == 0, i < 3 ? null : 1))
            .ToArray();
        var items = verdicts.Chunk(4).Select((facts, i) => Item("q" + i, 1, 1, AnswerStatus.Answered, facts: facts)).ToArray();

        var summary = EvaluationSummary.From(items, 10);

        Assert.Equal(17, summary.Counts.FactsScored);
        Assert.Equal(3, summary.Counts.FactsUnscorable);
        Assert.Equal(Math.Round(verdicts.Count(v => v.Supported == true) / 17.0, 4), summary.Metrics["fact_recall"]);
        Assert.Equal(0.15, summary.Metrics["fact_unscorable"]);
        Assert.Contains("3 of 20", BaselineComparison.AbsoluteFailure(summary, new EvaluationOptions()));
        Assert.Null(BaselineComparison.AbsoluteFailure(summary, new EvaluationOptions { MaxUnscorableShare = 0.2 }));
    }

    [Fact]
    public void ValidWithoutRepair_CountsRepairedAndFallenBackAnswersAsNot()
    {
        var fellBack = Item("c", 1, 1, AnswerStatus.Answered);
        fellBack = fellBack with { Answer = fellBack.Answer with { Degraded = "validation_failed: x" } };
        var items = new[] { Item("a", 1, 1, AnswerStatus.Answered), Item("b", 1, 1, AnswerStatus.Answered, repairs: 1), fellBack, Item("d", 1, 1, AnswerStatus.Answered) };

        Assert.Equal(0.5, EvaluationSummary.From(items, 10).Metrics["valid_without_repair"]);
    }

    [Fact]
    public void HitsAtK_AndTags_AreSummarised()
    {
        var items = new[] { Item("a", 1, 1, AnswerStatus.Answered, tags: ["x"]), Item("b", 3, 2, AnswerStatus.Answered, tags: ["x", "y"]), Item("c", null, null, AnswerStatus.NotInArchive) };

        var summary = EvaluationSummary.From(items, 5);

        Assert.Equal([1, 1, 2, 2, 2], summary.SpanHitsAtK);
        Assert.Equal([1, 2, 2, 2, 2], summary.EpisodeHitsAtK);
        Assert.Equal(2, summary.ByTag["x"].Questions);
        Assert.Equal(1.0, summary.ByTag["y"].SpanHitAt5);
        Assert.Equal(1.0, summary.ByTag["untagged"].Refused);
        Assert.Equal(5, summary.LatencyByStage["extract_ms"].P50Ms, 3);
    }

    [Theory]
    [InlineData(new[] { true }, 1.0)]
    [InlineData(new[] { false, true }, 0.6309)]
    [InlineData(new[] { false, false, false }, 0.0)]
    [InlineData(new[] { true, false, true }, 0.9197)]
    public void Ndcg_UsesBinaryRelevanceAndTheRetrievedHitsAsIdeal(bool[] relevant, double expected) =>
        Assert.Equal(expected, RetrievalJudge.Ndcg(relevant, 10), 4);
}
