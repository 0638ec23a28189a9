namespace Ask.Core.Episodes;

/// <summary>One podcast episode: its metadata and its transcript, as read from a source file.</summary>
/// <param name="Id">The file name without <c>.md</c>; stable across re-ingests.</param>
public sealed record Episode(
    string Id,
    string Title,
    IReadOnlyList<TranscriptLine> Lines)
{
    public string? Short { get; init; }
    public IReadOnlyList<string> Guests { get; init; } = [];
    public int? Season { get; init; }
    public int? Number { get; init; }
    public string? YouTubeId { get; init; }

    /// <summary>The show this episode belongs to.</summary>
    public Podcast Podcast { get; init; } = Podcast.DataTalksClub;

    /// <summary>The audio enclosure (a feed item's), cited with a <c>#t=</c> media fragment when there is no video.</summary>
    public string? AudioUrl { get; init; }

    /// <summary>The episode's web page, the citation link of last resort.</summary>
    public string? PageUrl { get; init; }
    public DateOnly? Date { get; init; }
    public TimeSpan? Duration { get; init; }
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];
    public IReadOnlyList<QuotableClip> Clips { get; init; } = [];

    /// <summary>Where the episode came from (file path or URL), for messages.</summary>
    public string Source { get; init; } = "";

    /// <summary>True for the sample episodes the project writes itself for a fresh clone.</summary>
    public bool IsSample { get; init; }

    public bool HasTranscript => Lines.Count > 0;

    /// <summary>The link that opens the episode at <paramref name="second"/> (<see cref="MomentLink"/>), or null with nowhere to open it.</summary>
    public string? LinkAt(double second) => MomentLink.At(YouTubeId, AudioUrl, PageUrl, second);
}
