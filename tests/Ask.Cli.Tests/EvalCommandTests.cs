using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Core.Evaluation;

namespace Ask.Cli.Tests;

/// <summary><c>ask eval</c> as a user runs it: a real process over sample episodes it ingested first.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly AskProcess _ask = new();

    internal const string Golden = """
        - id: scans
          question: "How many parcel scan events does Parcelwise see on a normal day?"
          episode: sample-escaping-vendor-lock-in
          start: 37
          end: 50
          facts:
            - "around ninety million scans on a normal day"
          tags: [factual]
          reviewer: ignored-field
        - id: sourdough
          question: "What hydration do the guests recommend for sourdough bread?"
          episode: null
          tags: [unanswerable]
        """;

    private Task<string> IngestAndWriteGoldenAsync() => IngestAndWriteGoldenAsync(_ask);

    /// <summary>Gives <paramref name="ask"/> the sample episodes, ingested, and writes <see cref="Golden"/>; returns the golden file's path.</summary>
    internal static async Task<string> IngestAndWriteGoldenAsync(AskProcess ask)
    {
        await IngestedSamples.CopyToAsync(ask);
        var golden = Path.Combine(ask.WorkDirectory, "golden.yaml");
        await File.WriteAllTextAsync(golden, Golden);
        return golden;
    }

    private static JsonObject Metrics(string reportPath) => (JsonObject)JsonNode.Parse(File.ReadAllText(reportPath))!["metrics"]!;

    [Fact]
    public async Task Eval_WritesJsonAndHtmlReports_WithEveryMetricAndOneItemPerQuestion()
    {
        var golden = await IngestAndWriteGoldenAsync();

        var result = await _ask.RunAsync("eval", "--golden", golden, "--out", "out", "--k", "5");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_ask.WorkDirectory, "out", "report.json")))!;
        foreach (var metric in MetricDefinition.All)
            Assert.True(report["metrics"]!.AsObject().ContainsKey(metric.Name), metric.Name);
        Assert.Equal(2, report["items"]!.AsArray().Count);
        Assert.Equal(1.0, (double)report["metrics"]!["span_hit@5"]!);
        Assert.Equal(0, (double)report["metrics"]!["fabricated_citations"]!);
        Assert.Equal("extractive", (string)report["mode"]!);
        Assert.Equal("embedding", (string)report["fact_method"]!);
        // Given as a full path, recorded from the directory eval ran in: a committed report names no machine.
        Assert.Equal("golden.yaml", (string)report["golden_file"]!);
        Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(_ask.WorkDirectory, "out", "report.json")));
        var html = File.ReadAllText(Path.Combine(_ask.WorkDirectory, "out", "report.html"));
        Assert.Contains("hit@k", html);
        Assert.Contains("rank of the first span hit", html);
        Assert.Contains("span_hit@5", result.Stdout);
        Assert.Contains("evaluated 2/2 questions", result.Stderr);
    }

    [Fact]
    public async Task Eval_TwiceOnTheSameIndex_GivesIdenticalMetrics_AndPassesAgainstItself()
    {
        var golden = await IngestAndWriteGoldenAsync();
        Assert.Equal(0, (await _ask.RunAsync("eval", "--golden", golden, "--out", "first")).ExitCode);

        var second = await _ask.RunAsync("eval", "--golden", golden, "--out", "second", "--baseline", Path.Combine("first", "report.json"));

        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);
        var first = Metrics(Path.Combine(_ask.WorkDirectory, "first", "report.json"));
        var again = Metrics(Path.Combine(_ask.WorkDirectory, "second", "report.json"));
        foreach (var metric in MetricDefinition.All.Where(m => m.Kind != MetricKind.Milliseconds))
            Assert.Equal(first[metric.Name]?.ToJsonString(), again[metric.Name]?.ToJsonString());
        Assert.Contains("baseline", second.Stdout);
    }

    [Fact]
    public async Task Eval_WorseThanTheBaseline_ExitsFourAndNamesTheMetric()
    {
        var golden = await IngestAndWriteGoldenAsync();
        var current = await _ask.RunAsync("eval", "--golden", golden, "--out", "now");
        var now = Metrics(Path.Combine(_ask.WorkDirectory, "now", "report.json"));
        // A baseline better than this run can be, on one metric only.
        var baseline = new JsonObject { ["metrics"] = new JsonObject { ["mrr@10"] = (double)now["mrr@10"]! + 0.5 } };
        var baselinePath = Path.Combine(_ask.WorkDirectory, "baseline.json");
        await File.WriteAllTextAsync(baselinePath, baseline.ToJsonString());

        var result = await _ask.RunAsync("eval", "--golden", golden, "--out", "gated", "--baseline", baselinePath);

        Assert.Equal(0, current.ExitCode);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("mrr@10", result.Stderr);
        Assert.Contains("regressed", result.Stdout);
        Assert.Contains("REGRESSED", File.ReadAllText(Path.Combine(_ask.WorkDirectory, "gated", "report.html")));
    }

    [Fact]
    public async Task Eval_BadGoldenFile_NamesTheLineItemAndField()
    {
        var golden = Path.Combine(_ask.WorkDirectory, "bad.yaml");
        await File.WriteAllTextAsync(golden, """
            - id: q-1
              question: "What is a feature store?"
              episode: some-episode
              start: soon
            """);

        var result = await _ask.RunAsync("eval", "--golden", golden);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.yaml:4: item 'q-1': field 'start'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Eval_EmptyIndex_ExitsThreeWithAHint()
    {
        var golden = Path.Combine(_ask.WorkDirectory, "golden.yaml");
        await File.WriteAllTextAsync(golden, Golden);

        var result = await _ask.RunAsync("eval", "--golden", golden);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ask ingest", result.Stderr);
    }

    public void Dispose() => _ask.Dispose();
}
