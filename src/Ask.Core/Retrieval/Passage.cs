using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Core.Retrieval;

/// <summary>A row of a passage's text: where it starts in the video and in <see cref="Passage.Text"/>.</summary>
public sealed record PassageLine(double StartSec, string? Speaker, int Offset, int Length, bool StartIsEstimated);

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
    public Podcast Podcast => First.Podcast;
    // Min and max, not first and last: some transcripts' timestamps jump back (a re-recorded or re-cut
    // stretch), so chunks in transcript order are not always in time order.
    public double StartSec => Chunks.Count == 1 ? First.StartSec : Chunks.Min(c => c.StartSec);
    public double EndSec => Chunks.Count == 1 ? First.EndSec : Chunks.Max(c => c.EndSec);
    public string Text => Chunks.Count == 1 ? First.Text : string.Join('\n', Chunks.Select(c => c.Text));
    public IReadOnlyList<string> Speakers => Chunks.SelectMany(c => c.Speakers).Distinct(StringComparer.Ordinal).ToArray();
    public string? Url => First.LinkAt(StartSec);

    /// <summary>Every transcript line (or line part) of the passage, with its offset in <see cref="Text"/>.</summary>
    public IReadOnlyList<PassageLine> Lines
    {
        get
        {
            var lines = new List<PassageLine>();
            var offset = 0;
            foreach (var chunk in Chunks)
            {
                foreach (var line in chunk.Lines)
                    lines.Add(new PassageLine(line.StartSec, line.Speaker, offset + line.Offset, line.Length, line.StartIsEstimated));
                offset += chunk.Text.Length + 1;
            }
            return lines;
        }
    }

    /// <summary>The link that opens this passage's video at <paramref name="second"/>.</summary>
    public string? LinkAt(double second) => First.LinkAt(second);
    public string TimeRange => $"{Timestamp.Format(StartSec)}–{Timestamp.Format(EndSec)}";
}
