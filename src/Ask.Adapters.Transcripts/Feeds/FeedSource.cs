using System.Security.Cryptography;
using System.Text;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// Brings a podcast's RSS feed (a URL or a local file) into a folder the episode reader ingests: per item an
/// episode file with the feed's metadata, its transcript and its chapters, named by the episode id. Each
/// item's transcript is chosen by <see cref="TranscriptChoice"/>, fetched conditionally with the validators
/// of the last run and checked to parse before it is kept; an item that fails is reported and the others
/// go on. Items that left the feed have their files removed, so <c>--prune</c> drops them from the index.
/// </summary>
public sealed class FeedSource
{
    private const string FeedCopy = ".feed.xml";
    // A feed's first bytes: enough to see "<rss" after an XML declaration, comments and a stylesheet line.
    private const int SniffBytes = 4096;

    private readonly EpisodeReaderOptions _options;
    private readonly CappedFetcher _fetcher;

    /// <param name="time">Times the idle timeout of every download.</param>
    public FeedSource(HttpClient http, TimeProvider time, EpisodeReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new EpisodeReaderOptions();
        _fetcher = new CappedFetcher(http, _options.DownloadIdleTimeout, time);
    }

    /// <summary>Whether <paramref name="id"/> can name a podcast: lower-case letters, digits and single hyphens.</summary>
    public static bool IsPodcastId(string? id) => Slugs.IsValid(id);

    /// <summary>Whether a local file is an RSS feed rather than an episode file.</summary>
    public static bool LooksLikeFeed(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[SniffBytes];
            var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(head, 0, read).Contains("<rss", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Downloads the feed at <paramref name="url"/> and its items' transcripts.</summary>
    /// <returns>The report, or null when the URL serves a .tar.gz or .zip archive instead of a feed.</returns>
    public async Task<FeedReport?> DownloadAsync(Uri url, string cacheFolder, string? podcastId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new AskException($"Only http(s) feed URLs can be downloaded, not '{url}'.");
        var folder = Folder(cacheFolder, url.AbsoluteUri);
        var state = FeedState.Load(folder);
        var fetched = await _fetcher.FetchAsync(url, state.Feed, _options.MaxFeedBytes, "Episodes:MaxFeedBytes", cancellationToken);
        byte[] bytes;
        if (fetched.Error is { } error) throw new AskException($"The feed could not be read: {error}.", isTransient: true);
        if (fetched.IsArchive) return null;
        if (fetched.NotModified && File.Exists(Path.Combine(folder, FeedCopy))) bytes = await File.ReadAllBytesAsync(Path.Combine(folder, FeedCopy), cancellationToken);
        else if (fetched.Body is { } body) bytes = body;
        else bytes = (await _fetcher.FetchAsync(url, Validators.None, _options.MaxFeedBytes, "Episodes:MaxFeedBytes", cancellationToken)).Body
            ?? throw new AskException($"The feed {url} could not be downloaded again after a 'not modified' answer.");
        state.Feed = fetched.Validators;
        return await SyncAsync(bytes, url, folder, state, podcastId, cancellationToken);
    }

    /// <summary>Reads a feed file on disk; its transcripts may be http(s) URLs or paths relative to the feed.</summary>
    public async Task<FeedReport> ReadLocalAsync(string path, string cacheFolder, string? podcastId, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var size = new FileInfo(full).Length;
        if (size > _options.MaxFeedBytes)
            throw new AskException($"{path}: the feed has {size:N0} bytes; feeds over {_options.MaxFeedBytes:N0} bytes (Episodes:MaxFeedBytes) are not read.");
        var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
        var folder = Folder(cacheFolder, new Uri(full).AbsoluteUri);
        return await SyncAsync(bytes, new Uri(full), folder, FeedState.Load(folder), podcastId, cancellationToken);
    }

    private async Task<FeedReport> SyncAsync(byte[] bytes, Uri feedUrl, string folder, FeedState state, string? podcastId, CancellationToken cancellationToken)
    {
        if (RssFeedParser.Parse(bytes, podcastId, _options.MaxFeedBytes, out var error) is not { } channel)
            throw new AskException($"{feedUrl}: {error}.");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, FeedCopy), bytes, cancellationToken);

        var items = new FeedItems(folder, state, _fetcher, _options, feedUrl);
        var reports = new List<FeedItemReport>(channel.Items.Count);
        foreach (var item in channel.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reports.Add(await items.SyncAsync(item, channel.Podcast, cancellationToken));
        }
        items.RemoveDeparted(channel.Items);
        state.Save(folder);
        return new FeedReport(folder, channel.Podcast, reports);
    }

    /// <summary>A readable, stable folder per feed: <c>feed-</c>, the feed's file name and a short hash of its address.</summary>
    private static string Folder(string cacheFolder, string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..10];
        var name = Slugs.From(Path.GetFileNameWithoutExtension(new Uri(address).AbsolutePath));
        return Path.Combine(Path.GetFullPath(cacheFolder), $"feed-{(name.Length > 0 ? name + "-" : "")}{hash}");
    }
}
