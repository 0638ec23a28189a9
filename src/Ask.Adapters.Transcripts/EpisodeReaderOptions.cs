namespace Ask.Adapters.Transcripts;

/// <summary>
/// How <see cref="EpisodeFileReader"/> attaches raw captions and chapter lists that have no sibling
/// episode file, usually set from command-line options of one ingest run.
/// </summary>
public sealed class EpisodeReaderOptions
{
    public const string Section = "Episodes";

    /// <summary>
    /// The episode that raw captions and chapter lists of this run belong to. When an episode file with
    /// this id is read in the same run, raw captions replace its transcript and a chapter list replaces its
    /// chapters; when none is, raw captions become an episode with this id. Default null (attach to
    /// siblings of the same base name only).
    /// </summary>
    public string? EpisodeId { get; set; }

    /// <summary>Title of an episode built from raw captions alone. Default null (derived from the file name).</summary>
    public string? Title { get; set; }

    /// <summary>YouTube video id of an episode built from raw captions alone. Default null.</summary>
    public string? YouTubeId { get; set; }

    /// <summary>Guest ids of an episode built from raw captions alone. Default empty.</summary>
    public IList<string> Guests { get; set; } = [];

    /// <summary>
    /// Join raw captions of a few words into sentence-sized lines, each starting at its first caption.
    /// Default true; false keeps one transcript line per caption.
    /// </summary>
    public bool MergeCaptions { get; set; } = true;
}
