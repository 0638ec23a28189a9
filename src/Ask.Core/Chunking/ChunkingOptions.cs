namespace Ask.Core.Chunking;

public sealed class ChunkingOptions
{
    public const string Section = "Chunking";

    /// <summary>Words a chunk grows to before it is closed at the next sentence end. Default 150.</summary>
    public int TargetWords { get; set; } = 150;

    /// <summary>Chunks shorter than this are merged into their neighbour where the chapter allows. Default 40.</summary>
    public int MinWords { get; set; } = 40;

    /// <summary>A new chapter header always starts a new chunk. Default true.</summary>
    public bool BreakAtChapters { get; set; } = true;

    /// <summary>
    /// Put the episode title and chapter before the chunk's text where it is embedded and indexed.
    /// Default true (measured: README, evaluation ablations).
    /// </summary>
    public bool ContextHeader { get; set; } = true;

    // The header is part of what is embedded, so switching it must re-chunk and re-embed every episode.
    public string Describe() => ContextHeader
        ? $"target={TargetWords};min={MinWords};chapters={BreakAtChapters}"
        : $"target={TargetWords};min={MinWords};chapters={BreakAtChapters};header=false";
}
