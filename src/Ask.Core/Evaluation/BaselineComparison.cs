namespace Ask.Core.Evaluation;

/// <summary>One metric against the baseline report.</summary>
/// <param name="Tolerance">How far it may move the wrong way; null when the metric is not gated.</param>
public sealed record MetricChange(string Name, double? Baseline, double? Current, double? Tolerance, bool Regressed)
{
    public double? Delta => Baseline is { } b && Current is { } c ? Math.Round(c - b, 4) : null;
}

/// <summary>Compares a run's metrics with a baseline's and decides whether the run may pass the gate.</summary>
public static class BaselineComparison
{
    public static IReadOnlyList<MetricChange> Compare(IReadOnlyDictionary<string, double?> current, IReadOnlyDictionary<string, double?> baseline, EvaluationOptions options)
    {
        var changes = new List<MetricChange>();
        foreach (var metric in MetricDefinition.All)
        {
            var now = current.GetValueOrDefault(metric.Name);
            var before = baseline.GetValueOrDefault(metric.Name);
            var tolerance = ToleranceFor(metric, options);
            var regressed = tolerance is { } t && now is { } c && before is { } b
                && (metric.HigherIsBetter ? c < b - t - 1e-9 : c > b + t + 1e-9);
            // A metric the baseline had and this run cannot compute is a regression too: it hides a failure.
            if (tolerance is not null && before is not null && now is null) regressed = true;
            changes.Add(new MetricChange(metric.Name, before, now, tolerance, regressed));
        }
        return changes;
    }

    /// <summary>Why the run fails regardless of any baseline, or null: judges that could not score enough facts.</summary>
    public static string? AbsoluteFailure(EvaluationSummary summary, EvaluationOptions options)
    {
        var unscorable = summary.Metrics.GetValueOrDefault("fact_unscorable");
        return unscorable > options.MaxUnscorableShare
            ? $"{summary.Counts.FactsUnscorable} of {summary.Counts.Facts} facts got no usable verdict from the judge ({unscorable:P0} > {options.MaxUnscorableShare:P0})"
            : null;
    }

    private static double? ToleranceFor(MetricDefinition metric, EvaluationOptions options) =>
        options.Tolerances.TryGetValue(metric.Name, out var t) ? t
        : metric.Kind switch
        {
            MetricKind.Fraction => options.Tolerance,
            MetricKind.Count => 0,
            _ => null,
        };
}
