using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Core.Retrieval;

/// <summary>
/// A retrieved moment of an episode: one chunk, or neighbouring chunks of the same moment merged.
/// </summary>
public sealed record Passage(IReadOnlyList<Chunk> Chunks, double Score)
{
    private Chunk First => Chunks[0];

    public string EpisodeId => First.EpisodeId;
    public string EpisodeTitle => First.EpisodeTitle;
    public string? Chapter => First.Chapter;
    public IReadOnlyList<string> Guests => First.Guests;
    public int? Season => First.Season;
    public double StartSec => First.StartSec;
    public double EndSec => Chunks[^1].EndSec;
    public string Text => Chunks.Count == 1 ? First.Text : string.Join('\n', Chunks.Select(c => c.Text));
    public IReadOnlyList<string> Speakers => Chunks.SelectMany(c => c.Speakers).Distinct(StringComparer.Ordinal).ToArray();
    public string? Url => First.LinkAt(StartSec);
    public string TimeRange => $"{Timestamp.Format(StartSec)}–{Timestamp.Format(EndSec)}";
}
