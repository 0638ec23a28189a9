using Ask.Core.Evaluation;

namespace Ask.Core.Tests.Evaluation;

public sealed class BaselineComparisonTests
{
    private static Dictionary<string, double?> Metrics(params (string Name, double? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    private static MetricChange Change(IReadOnlyList<MetricChange> changes, string name) => changes.Single(c => c.Name == name);

    [Fact]
    public void AFractionFallingBeyondTheTolerance_Regresses_OneWithinItDoesNot()
    {
        var baseline = Metrics(("span_hit@5", 0.88), ("mrr@10", 0.80));
        var current = Metrics(("span_hit@5", 0.85), ("mrr@10", 0.79));

        var changes = BaselineComparison.Compare(current, baseline, new EvaluationOptions { Tolerance = 0.02 });

        Assert.True(Change(changes, "span_hit@5").Regressed);
        Assert.Equal(-0.03, Change(changes, "span_hit@5").Delta);
        Assert.False(Change(changes, "mrr@10").Regressed);
    }

    [Fact]
    public void LowerIsBetterMetrics_RegressWhenTheyRise()
    {
        var changes = BaselineComparison.Compare(
            Metrics(("answerable_refused", 0.30), ("fabricated_citations", 1)),
            Metrics(("answerable_refused", 0.20), ("fabricated_citations", 0)),
            new EvaluationOptions());

        Assert.True(Change(changes, "answerable_refused").Regressed);
        Assert.True(Change(changes, "fabricated_citations").Regressed);
    }

    [Fact]
    public void Improvements_AndUngatedLatency_NeverRegress()
    {
        var changes = BaselineComparison.Compare(
            Metrics(("span_hit@5", 0.95), ("latency_p95_ms", 900)),
            Metrics(("span_hit@5", 0.88), ("latency_p95_ms", 100)),
            new EvaluationOptions());

        Assert.DoesNotContain(changes, c => c.Regressed);
        Assert.Null(Change(changes, "latency_p95_ms").Tolerance);
    }

    [Fact]
    public void PerMetricTolerances_OverrideTheDefault_AndCanGateLatency()
    {
        var options = new EvaluationOptions { Tolerances = { ["span_hit@5"] = 0.05, ["latency_p95_ms"] = 50 } };

        var changes = BaselineComparison.Compare(
            Metrics(("span_hit@5", 0.85), ("latency_p95_ms", 200)),
            Metrics(("span_hit@5", 0.88), ("latency_p95_ms", 100)),
            options);

        Assert.False(Change(changes, "span_hit@5").Regressed);
        Assert.True(Change(changes, "latency_p95_ms").Regressed);
    }

    [Fact]
    public void AMetricTheBaselineHadButThisRunCannotCompute_Regresses()
    {
        var changes = BaselineComparison.Compare(Metrics(("fact_recall", null)), Metrics(("fact_recall", 0.4)), new EvaluationOptions());

        Assert.True(Change(changes, "fact_recall").Regressed);
    }
}
