using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Adapters.Transcripts.Samples;

namespace Ask.Cli.Tests;

/// <summary><c>--podcast</c> on ingest and search, and the golden file's <c>podcast</c> field, in a real process.</summary>
public sealed class PodcastCommandTests : IDisposable
{
    private readonly AskProcess _ask = new();

    /// <summary>The samples twice: as the first archive's, and again as another show's (same file names).</summary>
    private async Task IngestTwiceAsync()
    {
        var folder = Path.Combine(_ask.WorkDirectory, "episodes");
        SampleEpisodes.WriteTo(folder);
        var ours = await _ask.RunAsync("ingest", folder);
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        var theirs = await _ask.RunAsync("ingest", folder, "--podcast", "copy-show=The Copy Show", "--json");
        Assert.True(theirs.ExitCode == 0, theirs.Stderr);
        var report = JsonDocument.Parse(theirs.Stdout).RootElement;
        var added = report.GetProperty("new").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(3, added.Length);
        Assert.All(added, id => Assert.StartsWith("copy-show/sample-", id));
    }

    [Fact]
    public async Task Search_ByPodcast_OnlyThatPodcastsPassagesWithItsTitle()
    {
        await IngestTwiceAsync();

        var theirs = await _ask.RunAsync("search", "vendor lock-in", "--k", "5", "--podcast", "copy-show", "--json");
        var ours = await _ask.RunAsync("search", "vendor lock-in", "--k", "5", "--podcast", "datatalksclub", "--json");

        var copies = JsonDocument.Parse(theirs.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.NotEmpty(copies);
        Assert.All(copies, p =>
        {
            Assert.StartsWith("copy-show/", p.GetProperty("episode").GetString());
            Assert.Equal("The Copy Show", p.GetProperty("podcast").GetProperty("title").GetString());
        });
        var originals = JsonDocument.Parse(ours.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.NotEmpty(originals);
        Assert.All(originals, p =>
        {
            Assert.DoesNotContain("/", p.GetProperty("episode").GetString());
            Assert.Equal("datatalksclub", p.GetProperty("podcast").GetProperty("id").GetString());
        });
    }

    [Theory]
    [InlineData("ingest", "My Show")]
    [InlineData("search", "My Show")]
    [InlineData("ingest", "show=")]
    public async Task BadPodcast_UsageErrorNamingIt(string command, string podcast)
    {
        var target = command == "ingest" ? _ask.WorkDirectory : "anything";

        var result = await _ask.RunAsync(command, target, "--podcast", podcast);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--podcast '{podcast}'", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Eval_GoldenQuestionOfAPodcast_AskedOfThatPodcastOnly()
    {
        await IngestTwiceAsync();
        var golden = Path.Combine(_ask.WorkDirectory, "golden.yaml");
        await File.WriteAllTextAsync(golden, """
            - id: scans-copy
              question: "How many parcel scan events does Parcelwise see on a normal day?"
              podcast: copy-show
              episode: sample-escaping-vendor-lock-in
              start: 37
              end: 50
            """);

        var result = await _ask.RunAsync("eval", "--golden", golden, "--out", "out", "--k", "5");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_ask.WorkDirectory, "out", "report.json")))!;
        Assert.Equal(1.0, (double)report["metrics"]!["span_hit@5"]!);
        var retrieved = report["items"]![0]!["retrieved"]!.AsArray();
        Assert.NotEmpty(retrieved);
        Assert.All(retrieved, r => Assert.StartsWith("copy-show/", (string)r!["episode_id"]!));
    }

    public void Dispose() => _ask.Dispose();
}
