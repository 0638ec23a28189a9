namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>What happened to one feed item in a run.</summary>
/// <param name="EpisodeId">The episode the item became; null when it was skipped before it got one.</param>
/// <param name="Reason">Why the item was skipped or failed, or notes about a fetched one; null when there is nothing to say.</param>
public sealed record FeedItemReport(string Guid, string Title, string? EpisodeId, FeedItemStatus Status, string? Reason = null);

public enum FeedItemStatus
{
    /// <summary>The transcript was downloaded (new or changed).</summary>
    Fetched,
    /// <summary>The server said the transcript had not changed, or it had the same fingerprint as last time.</summary>
    Unchanged,
    /// <summary>The item has no transcript to read.</summary>
    Skipped,
    /// <summary>The transcript could not be downloaded or read; the rest of the feed went on.</summary>
    Failed,
}
