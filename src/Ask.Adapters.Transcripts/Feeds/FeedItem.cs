using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>What a feed says about one episode: its metadata and where its transcripts and chapters are.</summary>
internal sealed record FeedItem(string Guid, string Title)
{
    public DateTimeOffset? Published { get; init; }
    public TimeSpan? Duration { get; init; }
    public string? AudioUrl { get; init; }
    public string? PageUrl { get; init; }
    public IReadOnlyList<string> Guests { get; init; } = [];
    public int? Season { get; init; }
    public int? Number { get; init; }
    public IReadOnlyList<FeedTranscript> Transcripts { get; init; } = [];
    public string? ChaptersUrl { get; init; }

    /// <summary>Problems with the item's own elements (a duration that is not a time), reported with it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One <c>&lt;podcast:transcript&gt;</c> of an item.</summary>
internal sealed record FeedTranscript(string Url, string? Type, string? Rel);

/// <summary>A feed's channel and its items.</summary>
internal sealed record FeedChannel(Podcast Podcast, IReadOnlyList<FeedItem> Items);
