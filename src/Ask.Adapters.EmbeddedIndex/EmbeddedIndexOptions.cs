namespace Ask.Adapters.EmbeddedIndex;

public sealed class EmbeddedIndexOptions
{
    /// <summary>Folder that holds the index generations (<c>{data}/index</c>). Required.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// How often a serving process checks whether another process (an <c>ask ingest</c>) switched the
    /// index to a new generation. Default 2 seconds.
    /// </summary>
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
