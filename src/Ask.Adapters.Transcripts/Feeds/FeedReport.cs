using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>A feed brought up to date in its folder: the folder to ingest, the podcast and each item's outcome.</summary>
public sealed record FeedReport(string Folder, Podcast Podcast, IReadOnlyList<FeedItemReport> Items)
{
    public int Count(FeedItemStatus status) => Items.Count(i => i.Status == status);
}
