using Ask.Adapters.Transcripts.Feeds;
using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core;
using Ask.Core.Ingestion;
using Ask.Testing.Time;

namespace Ask.Adapters.Transcripts.Tests.Feeds;

/// <summary>The sample feed of tests/Feeds/small-data, served from a loopback server with one broken item of each kind.</summary>
public sealed class FeedSourceTests : IAsyncLifetime, IDisposable
{
    private static readonly string SampleFeed = Path.Combine(Reading.RepoRoot(), "tests", "Feeds", "small-data");
    private const string Stalled = "transcripts/backfills-without-tears.srt";

    private readonly TempFolder _cache = new();
    private readonly FeedServer _server = new(SampleFeed);
    private readonly HttpClient _http = new();
    // The idle timeout runs on a clock the test moves, and only once the stalled request has arrived: every
    // other request is answered however slow the machine is, and the stall costs no real time.
    private readonly ObservedTimeProvider _clock = new();
    private readonly EpisodeReaderOptions _options = new();

    public FeedSourceTests() => _server.Stalled.Add(Stalled);

    private Uri FeedUrl => new(_server.BaseAddress, "feed.xml");

    private FeedSource Sut() => new(_http, _clock, _options);

    private async Task<FeedReport> DownloadAsync(Uri? url = null, string? podcast = null) =>
        await WhileStallsTimeOut(Sut().DownloadAsync(url ?? FeedUrl, _cache.Path, podcast, CancellationToken.None))
        ?? throw new InvalidOperationException("served an archive, not a feed");

    /// <summary>
    /// Runs the download, moving the clock past the idle timeout each time a stalled request arrives. Items are
    /// fetched one after another, so the stalled request's timeout is then the only one armed.
    /// </summary>
    private async Task<T> WhileStallsTimeOut<T>(Task<T> download)
    {
        while (true)
        {
            using var done = new CancellationTokenSource();
            var stall = _server.WaitForStallAsync(done.Token);
            // The guard fails a download that neither ends nor reaches the stall (a timeout that never fires).
            if (await Task.WhenAny(download, stall).WaitAsync(ObservedTimeProvider.Guard) == download)
            {
                await done.CancelAsync();
                return await download;
            }
            _clock.Advance(_options.DownloadIdleTimeout);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _cache.Dispose();
    }

    [Fact]
    public async Task Download_SampleFeed_FetchesEveryFormatAndReportsEachBrokenItem()
    {
        var report = await DownloadAsync();

        Assert.Equal(("small-data", "Small Data"), (report.Podcast.Id, report.Podcast.Title));
        Assert.Equal(10, report.Items.Count);
        Assert.Equal(6, report.Count(FeedItemStatus.Fetched));
        var skipped = Assert.Single(report.Items, i => i.Status == FeedItemStatus.Skipped);
        Assert.Equal(("Behind the Mic: How We Record Small Data", "no <podcast:transcript> in the feed"), (skipped.Title, skipped.Reason));
        var failed = report.Items.Where(i => i.Status == FeedItemStatus.Failed).ToDictionary(i => i.EpisodeId!, i => i.Reason!);
        Assert.Equal(3, failed.Count);
        Assert.Contains("HTTP 404", failed["data-contracts-in-practice"]);
        Assert.Contains("does not parse", failed["cost-alerts-that-work"]);
        Assert.Contains("timed out", failed["backfills-without-tears"]);
    }

    [Fact]
    public async Task Download_SampleFeed_IngestsEpisodesWithFeedMetadata()
    {
        var report = await DownloadAsync();

        var results = await Reading.Reader().ReadAllAsync(report.Folder);

        Assert.All(results, r => Assert.NotNull(r.Episode));
        var episodes = results.Select(r => r.Episode!).ToDictionary(e => e.Id);
        Assert.Equal(["dashboards-nobody-opens", "hiring-your-first-analytics-engineer", "listener-questions-1-budgets-and-catalogs", "on-call-for-data-pipelines",
            "transcribing-a-whole-archive-on-one-laptop", "warehouse-or-lakehouse-for-a-team-of-three"], episodes.Keys.Order());
        var warehouse = episodes["warehouse-or-lakehouse-for-a-team-of-three"];
        Assert.Equal("small-data", warehouse.Podcast.Id);
        Assert.Equal("https://media.smalldata.example/audio/s01e01.mp3", warehouse.AudioUrl);
        Assert.Equal("https://smalldata.example/episodes/warehouse-or-lakehouse", warehouse.PageUrl);
        Assert.Equal(["Tom Berg"], warehouse.Guests);
        Assert.Equal((1, 1), (warehouse.Season, warehouse.Number));
        Assert.Equal(new DateOnly(2026, 3, 31), warehouse.Date);
        Assert.Equal(TimeSpan.FromSeconds(146), warehouse.Duration);
        // The JSON transcript was chosen: its speakers are full names (the SRT captions have first names only).
        Assert.Contains(warehouse.Lines, l => l.Speaker == "Tom Berg");
        Assert.Equal(["Introductions", "Warehouse or lakehouse", "Lock-in and open formats", "Advice for a team of three"], warehouse.Chapters.Select(c => c.Title));
        Assert.Equal("Lock-in and open formats", warehouse.Lines.First(l => l.Text.Contains("lock-in")).Chapter);
        Assert.Contains(episodes["dashboards-nobody-opens"].Lines, l => l.Speaker == "Priya Natarajan");
        Assert.Contains(episodes["on-call-for-data-pipelines"].Lines, l => l.Speaker == "Jonas");
        Assert.Contains(episodes["hiring-your-first-analytics-engineer"].Lines, l => l.Speaker == "Ana Costa");
        Assert.Contains(episodes["transcribing-a-whole-archive-on-one-laptop"].Lines, l => l.Text.Contains("Listeners kept asking which episode talked about a topic", StringComparison.Ordinal));
        Assert.Contains(episodes["listener-questions-1-budgets-and-catalogs"].Lines, l => l.Text.StartsWith("The second question asks whether small teams need a data catalog.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_SecondRun_AsksConditionallyAndFetchesNothingAgain()
    {
        await DownloadAsync();
        _server.ResetCounts();

        var report = await DownloadAsync();

        Assert.Equal(6, report.Count(FeedItemStatus.Unchanged));
        // The error page served as a transcript is fetched again: it was never kept, so there is nothing to compare with.
        Assert.DoesNotContain(_server.Bodies.Keys, p => p.StartsWith("transcripts/", StringComparison.Ordinal) && !p.Contains("cost-alerts"));
        Assert.Equal(1, _server.NotModified["feed.xml"]);
        Assert.Equal(1, _server.NotModified["transcripts/warehouse-or-lakehouse.json"]);
        Assert.Equal(1, _server.NotModified["chapters/dashboards-nobody-opens.json"]);
    }

    [Fact]
    public async Task Download_SecondRunWithDatesOnly_AsksIfModifiedSince()
    {
        _server.DatesOnly = true;
        await DownloadAsync();
        _server.ResetCounts();

        var report = await DownloadAsync();

        Assert.Equal(6, report.Count(FeedItemStatus.Unchanged));
        Assert.Equal(1, _server.NotModified["transcripts/dashboards-nobody-opens.vtt"]);
        Assert.False(_server.Bodies.ContainsKey("transcripts/dashboards-nobody-opens.vtt"));
    }

    [Fact]
    public async Task Download_ServerWithoutValidators_SameFingerprintIsUnchanged()
    {
        await DownloadAsync();
        var state = Path.Combine(_cache.Path, Directory.GetDirectories(_cache.Path).Single(), ".feed-state.json");
        // As if the server had sent no validators: the transcript comes again, whole.
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"ETag\"", "\"Unused\""));
        _server.ResetCounts();

        var report = await DownloadAsync();

        Assert.Equal(1, _server.Bodies["transcripts/dashboards-nobody-opens.vtt"]);
        Assert.Equal(6, report.Count(FeedItemStatus.Unchanged));
    }

    [Fact]
    public async Task Download_ChangedTranscript_IsFetchedAlone()
    {
        await DownloadAsync();
        var changed = File.ReadAllText(Path.Combine(SampleFeed, "transcripts/on-call-for-data-pipelines.srt")).Replace("sixty pipelines", "seventy pipelines");
        _server.Override("transcripts/on-call-for-data-pipelines.srt", System.Text.Encoding.UTF8.GetBytes(changed));

        var report = await DownloadAsync();

        var fetched = Assert.Single(report.Items, i => i.Status == FeedItemStatus.Fetched);
        Assert.Equal("on-call-for-data-pipelines", fetched.EpisodeId);
        Assert.Contains("seventy pipelines", File.ReadAllText(Path.Combine(report.Folder, "on-call-for-data-pipelines.srt")));
    }

    [Fact]
    public async Task Download_ItemLeavesTheFeed_ItsFilesAreRemoved()
    {
        var first = await DownloadAsync();
        Assert.True(File.Exists(Path.Combine(first.Folder, "hiring-your-first-analytics-engineer.md")));
        var feed = File.ReadAllText(Path.Combine(SampleFeed, "feed.xml"));
        var start = feed.IndexOf("<item>\n      <title>Hiring", StringComparison.Ordinal);
        var end = feed.IndexOf("</item>", start, StringComparison.Ordinal) + "</item>".Length;
        _server.Override("feed.xml", System.Text.Encoding.UTF8.GetBytes(feed.Remove(start, end - start)));

        var report = await DownloadAsync();

        Assert.Equal(9, report.Items.Count);
        Assert.False(File.Exists(Path.Combine(report.Folder, "hiring-your-first-analytics-engineer.md")));
        Assert.False(File.Exists(Path.Combine(report.Folder, "hiring-your-first-analytics-engineer.html")));
    }

    [Fact]
    public async Task Download_PodcastNamed_UsesThatId()
    {
        var report = await DownloadAsync(podcast: "smalldata");

        var results = await Reading.Reader().ReadAllAsync(report.Folder);

        Assert.All(results, r => Assert.Equal("smalldata", r.Episode!.Podcast.Id));
    }

    [Fact]
    public async Task Download_AtomFeed_IsRefusedAsNotRss()
    {
        _server.Override("atom.xml", File.ReadAllBytes(Path.Combine(Reading.RepoRoot(), "tests", "Feeds", "not-rss", "feed.xml")));

        var error = await Assert.ThrowsAsync<AskException>(() => DownloadAsync(new Uri(_server.BaseAddress, "atom.xml")));

        Assert.Contains("not an RSS 2.0 feed: its root element is <feed>", error.Message);
    }

    [Fact]
    public async Task Download_UrlServingAnArchive_ReturnsNullForTheArchiveReader()
    {
        _server.Override("codeload/main", [0x1F, 0x8B, 0x08, 0x00, .. new byte[64 * 1024]]);
        _options.MaxFeedBytes = 1000;

        var report = await WhileStallsTimeOut(Sut().DownloadAsync(new Uri(_server.BaseAddress, "codeload/main"), _cache.Path, null, CancellationToken.None));

        Assert.Null(report);
    }

    [Fact]
    public async Task Download_FeedOverTheCap_IsRefused()
    {
        _options.MaxFeedBytes = 1000;

        var error = await Assert.ThrowsAsync<AskException>(() => DownloadAsync());

        Assert.Contains("over the 1,000-byte cap (Episodes:MaxFeedBytes)", error.Message);
    }

    [Fact]
    public async Task Download_TranscriptOverTheCap_FailsThatItemAlone()
    {
        _options.MaxFileBytes = 3000;

        var report = await DownloadAsync();

        var warehouse = Assert.Single(report.Items, i => i.EpisodeId == "warehouse-or-lakehouse-for-a-team-of-three");
        Assert.Equal(FeedItemStatus.Failed, warehouse.Status);
        Assert.Contains("(Episodes:MaxFileBytes)", warehouse.Reason);
        Assert.Contains(report.Items, i => i.Status == FeedItemStatus.Fetched);
    }

    [Fact]
    public async Task Download_RemoteFeedLinkingLocalFiles_FailsThatItem()
    {
        var feed = File.ReadAllText(Path.Combine(SampleFeed, "feed.xml")).Replace("url=\"transcripts/on-call-for-data-pipelines.srt\"", "url=\"file:///etc/hostname\"");
        _server.Override("feed.xml", System.Text.Encoding.UTF8.GetBytes(feed));

        var report = await DownloadAsync();

        var item = Assert.Single(report.Items, i => i.EpisodeId == "on-call-for-data-pipelines");
        Assert.Equal(FeedItemStatus.Failed, item.Status);
        Assert.Contains("neither http(s) nor a file beside a local feed", item.Reason);
    }

    public static TheoryData<string, string, string> HostileFeeds => new()
    {
        { "entity-bomb", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>", "DTD" },
        { "nested-100k", "<rss version=\"2.0\"><channel><title>Deep</title><item><title>x</title>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</item></channel></rss>", "nested more than 32 levels deep (line 1)" },
        { "nested-at-limit", "<rss version=\"2.0\"><channel><title>Deep</title><item><title>x</title>" + string.Concat(Enumerable.Repeat("<a>", 28)) + string.Concat(Enumerable.Repeat("</a>", 28)) + "</item></channel></rss>", "" },
        { "too-many-items", "<rss version=\"2.0\"><channel><title>Many</title>" + string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 20_001)) + "</channel></rss>", "more than 20,000 items" },
        { "at-item-cap", "<rss version=\"2.0\"><channel><title>Many</title>" + string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 20_000)) + "</channel></rss>", "" },
        { "truncated", "<rss version=\"2.0\"><channel><title>Cut", "not a readable RSS feed" },
        { "html-page", "<!doctype html><html><body>Not here</body></html>", "not a readable RSS feed" },
    };

    [Theory]
    [MemberData(nameof(HostileFeeds))]
    public async Task Download_HostileFeed_IsRefusedOrReadWithinItsLimits(string name, string feed, string message)
    {
        _server.Override(name + ".xml", System.Text.Encoding.UTF8.GetBytes(feed));
        var download = () => DownloadAsync(new Uri(_server.BaseAddress, name + ".xml"));

        if (message.Length == 0)
        {
            var report = await download();
            Assert.All(report.Items, i => Assert.Equal(FeedItemStatus.Skipped, i.Status));
            return;
        }
        var error = await Assert.ThrowsAsync<AskException>(download);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task ReadLocal_SampleFeedFile_ReadsTranscriptsBesideIt()
    {
        var path = Path.Combine(SampleFeed, "feed.xml");
        Assert.True(FeedSource.LooksLikeFeed(path));

        var report = await Sut().ReadLocalAsync(path, _cache.Path, null, CancellationToken.None);

        Assert.Equal(6, report.Count(FeedItemStatus.Fetched));
        var missing = Assert.Single(report.Items, i => i.EpisodeId == "backfills-without-tears");
        Assert.Contains("cannot read", missing.Reason);
        var results = await Reading.Reader().ReadAllAsync(report.Folder);
        Assert.Equal(6, results.Count(r => r.Episode is { HasTranscript: true }));
        Assert.DoesNotContain(results, r => r.SkipReason is SkipReason.Unreadable);
    }
}
