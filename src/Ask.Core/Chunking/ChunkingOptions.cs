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

    public string Describe() => $"target={TargetWords};min={MinWords};chapters={BreakAtChapters}";
}
