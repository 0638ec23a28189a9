using Ask.Cli.Commands;
using Ask.Core.Evaluation;

namespace Ask.Cli.Tests;

/// <summary>The gate's message says which way a metric moved, so an error rate that grew is not reported as "fell".</summary>
public sealed class GateMessageTests
{
    [Fact]
    public void Regression_RateThatDropped_Fell() =>
        Assert.Equal("mrr@10 fell from 0.8 to 0.7 (tolerance 0.02)", EvalCommand.Regression(new MetricChange("mrr@10", 0.8, 0.7, 0.02, true)));

    [Fact]
    public void Regression_ErrorRateThatGrew_Rose() =>
        Assert.Equal("fabricated_citations rose from 0 to 2 (tolerance 0)", EvalCommand.Regression(new MetricChange("fabricated_citations", 0, 2, 0, true)));

    [Fact]
    public void Regression_MetricNoLongerComputed_SaysSo() =>
        Assert.Contains("could not be computed", EvalCommand.Regression(new MetricChange("span_hit@1", 0.6, null, 0.02, true)));
}
