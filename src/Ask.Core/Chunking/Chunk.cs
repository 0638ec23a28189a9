using Ask.Core.Episodes;

namespace Ask.Core.Chunking;

/// <summary>
/// Consecutive transcript lines of one episode, the unit that is embedded, indexed and retrieved.
/// </summary>
/// <param name="EpisodeId">The episode's index key (<see cref="EpisodeKey"/>): its id, prefixed with its podcast unless it is the first archive's.</param>
/// <param name="Ordinal">Position of the chunk within its episode, from 0.</param>
/// <param name="Text">The spoken text, one transcript line (or line part) per <c>\n</c>-separated row.</param>
/// <param name="Lines">Where each row of <paramref name="Text"/> starts, in the text and in the video.</param>
public sealed record Chunk(
    string EpisodeId,
    int Ordinal,
    string EpisodeTitle,
    string? Chapter,
    double StartSec,
    double EndSec,
    string Text,
    IReadOnlyList<ChunkLine> Lines)
{
    public IReadOnlyList<string> Guests { get; init; } = [];
    public int? Season { get; init; }
    public int? EpisodeNumber { get; init; }
    public string? YouTubeId { get; init; }

    /// <summary>The show the episode belongs to; chunks of indexes written before there were several read as the first archive's.</summary>
    public Podcast Podcast { get; init; } = Podcast.DataTalksClub;

    /// <summary>The episode's audio enclosure, the link of a moment without a video.</summary>
    public string? AudioUrl { get; init; }

    /// <summary>The episode's web page, the link of last resort.</summary>
    public string? PageUrl { get; init; }

    /// <summary>Whether <see cref="ContextualText"/> starts with the episode title and chapter (<see cref="ChunkingOptions.ContextHeader"/>).</summary>
    public bool ContextHeader { get; init; } = true;

    /// <summary>Stable identity: <c>{episode}#{ordinal}</c>.</summary>
    public string Id => $"{EpisodeId}#{Ordinal}";

    /// <summary>Distinct speakers in order of first appearance.</summary>
    public IReadOnlyList<string> Speakers =>
        Lines.Select(l => l.Speaker).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    public int WordCount => TextStatistics.CountWords(Text);

    public string? LinkAt(double second) => MomentLink.At(YouTubeId, AudioUrl, PageUrl, second);

    /// <summary>
    /// What gets embedded and lexically indexed: the episode title and chapter come first so that a
    /// passage saying "he" or "this tool" still finds its topic; each row carries its speaker.
    /// </summary>
    public string ContextualText => ChunkContext.Compose(this);
}

/// <summary>One row of a chunk's text: a transcript line, or the part of an overlong line.</summary>
/// <param name="Offset">Start of the row in <see cref="Chunk.Text"/>.</param>
/// <param name="Length">Length of the row in <see cref="Chunk.Text"/>.</param>
/// <param name="LineIndex">Index of the transcript line in the episode.</param>
public sealed record ChunkLine(double StartSec, string? Speaker, int Offset, int Length, int LineIndex, bool StartIsEstimated = false);
