using System.Net;
using System.Text.Json;
using Ask.Testing;

namespace Ask.Cli.Tests;

/// <summary><c>ask ingest</c> of the Small Data sample feed (tests/Feeds/small-data), from a local HTTP server and from disk.</summary>
public sealed class FeedIngestTests : IAsyncLifetime
{
    private static readonly string SampleFeed = Path.Combine(RepoRoot(), "tests", "Feeds", "small-data");

    private readonly AskProcess _ask = new();
    private readonly LoopbackListener _listener;
    private readonly string _prefix;

    public FeedIngestTests()
    {
        _listener = new LoopbackListener(AnswerAsync);
        _prefix = _listener.BaseAddress.ToString();
    }

    // The sample folder as it is; the transcripts the feed links to but the folder lacks answer 404.
    private static async Task AnswerAsync(HttpListenerContext context)
    {
        var file = Path.GetFullPath(Path.Combine(SampleFeed, context.Request.Url!.AbsolutePath.TrimStart('/')));
        if (file.StartsWith(SampleFeed, StringComparison.Ordinal) && File.Exists(file))
        {
            var body = await File.ReadAllBytesAsync(file);
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
        }
        else context.Response.StatusCode = 404;
    }

    [Fact]
    public async Task Ingest_FeedUrl_IndexesItsEpisodesAndNamesTheBrokenItems()
    {
        var result = await _ask.RunAsync("ingest", _prefix + "feed.xml", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(6, report.GetProperty("new").GetArrayLength());
        Assert.Contains("feed Small Data (small-data): 10 items, 6 fetched, 0 unchanged, 1 skipped, 3 failed", result.Stderr);
        Assert.Contains("skipped Behind the Mic: How We Record Small Data: no <podcast:transcript> in the feed", result.Stderr);
        Assert.Contains("failed Data Contracts in Practice:", result.Stderr);
        Assert.Contains("HTTP 404", result.Stderr);
        Assert.Contains("failed Cost Alerts that Work: the transcript", result.Stderr);

        // The same per item in the JSON, for a script that reads stdout only.
        var feed = Assert.Single(report.GetProperty("feeds").EnumerateArray());
        Assert.Equal("small-data", feed.GetProperty("podcast").GetString());
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(10, items.Count);
        Assert.Equal(6, items.Count(i => i.GetProperty("status").GetString() == "fetched"));
        var failed = items.Where(i => i.GetProperty("status").GetString() == "failed").ToList();
        Assert.Equal(3, failed.Count);
        Assert.Contains(failed, i => i.GetProperty("title").GetString() == "Data Contracts in Practice" && i.GetProperty("reason").GetString()!.Contains("HTTP 404"));
        var skipped = Assert.Single(items, i => i.GetProperty("status").GetString() == "skipped");
        Assert.Contains("no <podcast:transcript>", skipped.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Ingest_LocalFeedFileTwice_SecondRunChangesNothing()
    {
        var feed = Path.Combine(SampleFeed, "feed.xml");

        var first = await _ask.RunAsync("ingest", feed, "--podcast", "smalldata", "--json");
        var second = await _ask.RunAsync("ingest", feed, "--podcast", "smalldata", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(6, JsonDocument.Parse(first.Stdout).RootElement.GetProperty("new").GetArrayLength());
        Assert.Contains("feed Small Data (smalldata)", first.Stderr);
        var again = JsonDocument.Parse(second.Stdout).RootElement;
        Assert.Equal(0, again.GetProperty("new").GetArrayLength());
        Assert.Equal(6, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Ingest_BadPodcastId_IsRefusedByName()
    {
        var result = await _ask.RunAsync("ingest", Path.Combine(SampleFeed, "feed.xml"), "--podcast", "Small Data");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--podcast 'Small Data' has the id", result.Stderr + result.Stdout);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ask.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ask.sln not found above " + AppContext.BaseDirectory);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        _ask.Dispose();
    }
}
