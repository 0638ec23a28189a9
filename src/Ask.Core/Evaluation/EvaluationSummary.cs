using Ask.Core.Answering;

namespace Ask.Core.Evaluation;

/// <summary>
/// The numbers of one evaluation run, computed from its items. A fraction whose denominator is empty
/// (no unanswerable questions in the set, say) is null — never NaN.
/// </summary>
public sealed record EvaluationSummary(
    IReadOnlyDictionary<string, double?> Metrics,
    IReadOnlyDictionary<string, LatencyFigures> LatencyByStage,
    IReadOnlyDictionary<string, TagFigures> ByTag,
    IReadOnlyList<int> SpanHitsAtK,
    IReadOnlyList<int> EpisodeHitsAtK,
    EvaluationCounts Counts)
{
    public static EvaluationSummary From(IReadOnlyList<EvaluationItem> items, int k)
    {
        var answerable = items.Where(i => i.Question.IsAnswerable).ToArray();
        var unanswerable = items.Where(i => !i.Question.IsAnswerable).ToArray();
        var answeredAnswerable = answerable.Where(i => i.Answer.Status == AnswerStatus.Answered).ToArray();
        var facts = answerable.SelectMany(i => i.Facts).ToArray();
        var scored = facts.Where(f => f.Supported is not null).ToArray();
        var totals = items.Select(i => i.TimingsMs.GetValueOrDefault("total_ms")).ToArray();

        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var at in new[] { 1, 5, 10 })
        {
            metrics[$"episode_hit@{at}"] = Share(answerable, i => i.EpisodeRank <= at);
            metrics[$"span_hit@{at}"] = Share(answerable, i => i.SpanRank <= at);
        }
        metrics["mrr@10"] = Mean(answerable, i => i.SpanRank is { } r && r <= 10 ? 1.0 / r : 0);
        metrics["ndcg@10"] = Mean(answerable, i => i.Ndcg);
        metrics["citation_span_match"] = Share(answeredAnswerable, i => i.CitationSpanMatch == true);
        metrics["valid_without_repair"] = Share(items, i => i.Answer.RepairRounds == 0 && i.Answer.Degraded is null);
        metrics["fabricated_citations"] = items.Sum(i => i.FabricatedCitations);
        metrics["fact_recall"] = Share(scored, f => f.Supported == true);
        metrics["fact_unscorable"] = Share(facts, f => f.Supported is null);
        metrics["unanswerable_refused"] = Share(unanswerable, i => i.Answer.Status != AnswerStatus.Answered);
        metrics["answerable_refused"] = Share(answerable, i => i.Answer.Status != AnswerStatus.Answered);
        var named = answeredAnswerable.Where(i => i.Question.Speaker is not null).ToArray();
        metrics["speaker_first"] = Share(named, i => i.SpeakerFirst == true);
        metrics["speaker_any"] = Share(named, i => i.SpeakerAny == true);
        // Questions about the host or the episode itself may rightly quote the host first.
        metrics["host_first"] = Share(items.Where(i => i.FirstByHost is not null && !i.Question.Tags.Contains("host")).ToArray(), i => i.FirstByHost == true);
        metrics["standalone_as_expected"] = Share(items.Where(i => i.StandaloneAsExpected is not null).ToArray(), i => i.StandaloneAsExpected == true);
        metrics["latency_p50_ms"] = totals.Length == 0 ? null : Math.Round(Percentile(totals, 50), 1);
        metrics["latency_p95_ms"] = totals.Length == 0 ? null : Math.Round(Percentile(totals, 95), 1);

        var stages = items.SelectMany(i => i.TimingsMs).GroupBy(t => t.Key, t => t.Value)
            .ToDictionary(g => g.Key, g => new LatencyFigures(g.Count(), Math.Round(Percentile(g.ToArray(), 50), 2), Math.Round(Percentile(g.ToArray(), 95), 2)));

        var byTag = items.SelectMany(i => i.Question.Tags.DefaultIfEmpty("untagged").Select(t => (Tag: t, Item: i)))
            .GroupBy(x => x.Tag, x => x.Item)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => TagFigures.From(g.ToArray()));

        var spanHits = Enumerable.Range(1, k).Select(at => answerable.Count(i => i.SpanRank <= at)).ToArray();
        var episodeHits = Enumerable.Range(1, k).Select(at => answerable.Count(i => i.EpisodeRank <= at)).ToArray();
        var counts = new EvaluationCounts(items.Count, answerable.Length, unanswerable.Length, facts.Length, scored.Length, facts.Length - scored.Length);
        return new EvaluationSummary(metrics, stages, byTag, spanHits, episodeHits, counts);
    }

    internal static double? Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? null : Math.Round(items.Count(predicate) / (double)items.Count, 4);

    private static double? Mean<T>(IReadOnlyCollection<T> items, Func<T, double> value) =>
        items.Count == 0 ? null : Math.Round(items.Average(value), 4);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

public sealed record LatencyFigures(int Count, double P50Ms, double P95Ms);

public sealed record EvaluationCounts(int Questions, int Answerable, int Unanswerable, int Facts, int FactsScored, int FactsUnscorable);

/// <summary>The headline numbers for the questions of one tag.</summary>
public sealed record TagFigures(int Questions, double? SpanHitAt5, double? CitationSpanMatch, double? FactRecall, double? Refused)
{
    public static TagFigures From(IReadOnlyList<EvaluationItem> items)
    {
        var answerable = items.Where(i => i.Question.IsAnswerable).ToArray();
        var facts = answerable.SelectMany(i => i.Facts).Where(f => f.Supported is not null).ToArray();
        return new TagFigures(items.Count,
            EvaluationSummary.Share(answerable, i => i.SpanRank <= 5),
            EvaluationSummary.Share(answerable.Where(i => i.Answer.Status == AnswerStatus.Answered).ToArray(), i => i.CitationSpanMatch == true),
            EvaluationSummary.Share(facts, f => f.Supported == true),
            EvaluationSummary.Share(items, i => i.Answer.Status != AnswerStatus.Answered));
    }
}
