using Ask.Adapters.Transcripts;
using Ask.Adapters.Transcripts.Feeds;
using Spectre.Console;

namespace Ask.Cli.Commands;

/// <summary>
/// <c>ask ingest</c> for an RSS feed (a URL or a local file): brings the feed's folder up to date and prints
/// one line per item that was skipped or failed, so a broken transcript is named with its reason while the
/// rest of the feed is ingested.
/// </summary>
internal static class FeedDownload
{
    private static readonly string[] ArchiveEndings = [".tar.gz", ".tgz", ".zip"];

    /// <summary>An http(s) URL is an archive when its path names one; anything else is tried as a feed first.</summary>
    public static bool IsArchiveUrl(string url) =>
        ArchiveEndings.Any(e => new Uri(url).AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <returns>What the feed gave (its folder is the one to ingest), or null when the URL turned out to serve an archive.</returns>
    public static async Task<FeedReport?> RunAsync(string path, string? podcastId, string cacheFolder, EpisodeReaderOptions limits, TimeProvider time, IAnsiConsole console, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var feeds = new FeedSource(http, time, limits);
        var report = IngestCommand.IsUrl(path)
            ? await feeds.DownloadAsync(new Uri(path), cacheFolder, podcastId, ct)
            : await feeds.ReadLocalAsync(path, cacheFolder, podcastId, ct);
        if (report is null) return null;
        console.MarkupLineInterpolated(
            $"feed [bold]{TerminalText.Safe(report.Podcast.Title)}[/] ({report.Podcast.Id}): {report.Items.Count} items, {report.Count(FeedItemStatus.Fetched)} fetched, {report.Count(FeedItemStatus.Unchanged)} unchanged, {report.Count(FeedItemStatus.Skipped)} skipped, {report.Count(FeedItemStatus.Failed)} failed");
        foreach (var item in report.Items.Where(i => i.Status is FeedItemStatus.Skipped or FeedItemStatus.Failed))
        {
            var colour = item.Status == FeedItemStatus.Failed ? "red" : "yellow";
            console.MarkupLineInterpolated($"[{colour}]{item.Status.ToString().ToLowerInvariant()}[/] {TerminalText.Safe(item.Title)}: {TerminalText.Safe(item.Reason ?? "")}");
        }
        return report;
    }
}
