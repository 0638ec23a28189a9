using System.Text.Json;
using Ask.Adapters.Transcripts.Samples;

namespace Ask.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly AskProcess _ask = new();

    private string WriteSamples()
    {
        var folder = Path.Combine(_ask.WorkDirectory, "episodes");
        SampleEpisodes.WriteTo(folder);
        return folder;
    }

    [Fact]
    public async Task Help_ListsCommandsAndExitsZero()
    {
        var result = await _ask.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ingest", result.Stdout);
        Assert.Contains("search", result.Stdout);
    }

    [Fact]
    public async Task SearchHelp_ExplainsEveryOption()
    {
        var result = await _ask.RunAsync("search", "--help");

        foreach (var option in new[] { "--k", "--episode", "--guest", "--season", "--json", "--data", "--store", "--mode" })
            Assert.Contains(option, result.Stdout);
    }

    [Fact]
    public async Task Search_EmptyIndex_ExitCodeThreeAndAHint()
    {
        var result = await _ask.RunAsync("search", "anything");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ask ingest", result.Stderr);
    }

    [Fact]
    public async Task Ingest_MissingPath_UsageErrorNamingIt()
    {
        var result = await _ask.RunAsync("ingest", "no/such/folder");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no/such/folder", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Search_BadK_UsageError()
    {
        var result = await _ask.RunAsync("search", "kubeflow", "--k", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--k", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task IngestThenSearch_JsonPassagesWithEveryField()
    {
        var folder = WriteSamples();
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.md"), "---\ntitle: [unclosed\n---\n");

        var ingest = await _ask.RunAsync("ingest", folder, "--json");
        var search = await _ask.RunAsync("search", "vendor lock-in", "--k", "2", "--json");

        Assert.Equal(0, ingest.ExitCode);
        var report = JsonDocument.Parse(ingest.Stdout).RootElement;
        Assert.Equal(3, report.GetProperty("new").GetArrayLength());
        var skipped = report.GetProperty("skipped")[0];
        Assert.EndsWith("broken.md", skipped.GetProperty("file").GetString());
        Assert.True(skipped.GetProperty("line").GetInt32() > 0);
        Assert.Equal(0, search.ExitCode);
        var passages = JsonDocument.Parse(search.Stdout).RootElement;
        Assert.InRange(passages.GetArrayLength(), 1, 2);
        foreach (var field in new[] { "episode", "title", "start_sec", "end_sec", "speakers", "score", "text", "url" })
            Assert.True(passages[0].TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Ingest_SecondRunWithNothingChanged_AllUnchanged()
    {
        var folder = WriteSamples();
        await _ask.RunAsync("ingest", folder);

        var again = await _ask.RunAsync("ingest", folder, "--json");

        var report = JsonDocument.Parse(again.Stdout).RootElement;
        Assert.Equal(3, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, report.GetProperty("chunks").GetInt32());
    }

    [Fact]
    public async Task Ingest_Rebuild_SaysEveryChunkVectorCameFromTheEmbeddingCache()
    {
        var folder = WriteSamples();
        var first = JsonDocument.Parse((await _ask.RunAsync("ingest", folder, "--json")).Stdout).RootElement;

        var rebuild = await _ask.RunAsync("ingest", folder, "--rebuild");
        var table = rebuild.Stdout;

        Assert.Equal(0, first.GetProperty("chunks_from_cache").GetInt32());
        Assert.Equal(0, rebuild.ExitCode);
        Assert.Contains($"{first.GetProperty("chunks").GetInt32()} from the embedding cache", table);
        Assert.DoesNotContain("chunks/s while embedding", table);
    }

    [Fact]
    public async Task Ingest_EditedEpisode_SaysWhichSentencesAndWordsCameFromTheIndex()
    {
        var folder = WriteSamples();
        await _ask.RunAsync("ingest", folder);
        var file = Path.Combine(folder, "sample-escaping-vendor-lock-in.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("'Great. Thanks everyone for listening to this sample episode.'",
            "'Great. Zanzibar quokkas thank everyone for listening to this sample episode.'"));

        var again = JsonDocument.Parse((await _ask.RunAsync("ingest", folder, "--json")).Stdout).RootElement;

        Assert.Equal(1, again.GetProperty("changed").GetArrayLength());
        var sentences = again.GetProperty("sentences").GetInt32();
        Assert.InRange(again.GetProperty("sentences_from_index").GetInt32(), 1, sentences - 1);
        Assert.InRange(again.GetProperty("words_from_index").GetInt32(), 1, again.GetProperty("words").GetInt32() - 1);
    }

    [Fact]
    public async Task Ingest_TableSummaryOnStdout()
    {
        var result = await _ask.RunAsync("ingest", WriteSamples());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("new", result.Stdout);
        Assert.Contains("chunks embedded", result.Stdout);
    }

    [Fact]
    public async Task Ingest_ManySkippedFilesAndWarnings_EveryWarningNamedAndSkippedListedUpToTheLimit()
    {
        var samples = WriteSamples();
        var folder = Directory.CreateDirectory(Path.Combine(_ask.WorkDirectory, "messy")).FullName;
        foreach (var (sample, name) in SampleEpisodes.FileNames.Take(2).Zip(["untitled-one.md", "untitled-two.md"]))
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(samples, sample));
            await File.WriteAllLinesAsync(Path.Combine(folder, name), lines.Where(l => !l.StartsWith("title:", StringComparison.Ordinal)));
        }
        var broken = IngestSummaryLimit + 5;
        for (var i = 0; i < broken; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"broken-{i:D2}.md"), "---\ntitle: [unclosed\n---\n");

        var result = await _ask.RunAsync("ingest", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("untitled-one.md", result.Stdout);
        Assert.Contains("untitled-two.md", result.Stdout);
        var listed = Enumerable.Range(0, broken).Count(i => result.Stdout.Contains($"broken-{i:D2}.md", StringComparison.Ordinal));
        Assert.Equal(IngestSummaryLimit, listed);
        Assert.Contains("5 more skipped lines", result.Stdout);
        Assert.Contains("--json", result.Stdout);
    }

    /// <summary>The CLI lists this many skipped files (and warnings) under the summary table.</summary>
    private const int IngestSummaryLimit = 50;

    public void Dispose() => _ask.Dispose();
}
