namespace Ask.Core.Evaluation;

public enum MetricKind { Fraction, Count, Milliseconds }

/// <summary>A metric of the evaluation report: what it measures and which way is better.</summary>
public sealed record MetricDefinition(string Name, MetricKind Kind, bool HigherIsBetter, string Description)
{
    /// <summary>Every metric of <c>report.json</c>, in the order the summary shows them.</summary>
    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new("episode_hit@1", MetricKind.Fraction, true, "answerable questions whose first passage is from the right episode"),
        new("episode_hit@5", MetricKind.Fraction, true, "… with the right episode in the top 5"),
        new("episode_hit@10", MetricKind.Fraction, true, "… with the right episode in the top 10"),
        new("span_hit@1", MetricKind.Fraction, true, "answerable questions whose first passage overlaps the golden span ±30 s"),
        new("span_hit@5", MetricKind.Fraction, true, "… with such a passage in the top 5"),
        new("span_hit@10", MetricKind.Fraction, true, "… with such a passage in the top 10"),
        new("mrr@10", MetricKind.Fraction, true, "mean reciprocal rank of the first span hit"),
        new("ndcg@10", MetricKind.Fraction, true, "nDCG with span hits relevant"),
        new("citation_span_match", MetricKind.Fraction, true, "answered answerable questions citing the golden span"),
        new("valid_without_repair", MetricKind.Fraction, true, "answers that passed validation without a repair round or fallback"),
        new("fabricated_citations", MetricKind.Count, false, "returned citations not found in the retrieved sources (must be 0)"),
        new("fact_recall", MetricKind.Fraction, true, "golden facts stated by the answer (refused answers state none)"),
        new("fact_unscorable", MetricKind.Fraction, false, "judged facts that got no usable verdict"),
        new("unanswerable_refused", MetricKind.Fraction, true, "unanswerable questions answered not_in_archive"),
        new("answerable_refused", MetricKind.Fraction, false, "answerable questions answered not_in_archive or refused"),
        new("speaker_first", MetricKind.Fraction, true, "answered questions about one person whose first citation quotes that person"),
        new("speaker_any", MetricKind.Fraction, true, "… with any citation quoting that person"),
        new("host_first", MetricKind.Fraction, false, "answered questions (not about the host) whose first citation quotes the episode's host"),
        new("standalone_as_expected", MetricKind.Fraction, true, "conversation turns kept as asked or rewritten (with the expected names) as the golden turn says"),
        new("latency_p50_ms", MetricKind.Milliseconds, false, "median time per question through the answer pipeline"),
        new("latency_p95_ms", MetricKind.Milliseconds, false, "95th percentile of the same"),
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
