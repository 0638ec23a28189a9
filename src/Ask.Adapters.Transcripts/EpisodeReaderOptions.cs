namespace Ask.Adapters.Transcripts;

/// <summary>
/// How <see cref="EpisodeFileReader"/> attaches raw captions and chapter lists that have no sibling
/// episode file (usually set from command-line options of one ingest run), and the limits that keep a
/// hostile file or archive from exhausting the process (configuration section <c>Episodes</c>).
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

    /// <summary>
    /// A file larger than this is refused by name, unread: a file is read whole, and its text, YAML and
    /// chunks take many times its size in memory. Also the cap on one archive member. Default 8 MiB (the
    /// largest real episode file is 140 KB).
    /// </summary>
    public long MaxFileBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// A transcript file with more cues, segments or paragraphs than this keeps the first ones and warns
    /// about the rest. Default 200,000 (a three-hour word-level transcript has about 35,000).
    /// </summary>
    public int MaxTranscriptSegments { get; set; } = 200_000;

    /// <summary>A feed larger than this is refused unread. Default 32 MiB (a feed of a thousand episodes with long show notes has a few).</summary>
    public long MaxFeedBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>An archive download that grows past this is stopped and refused. Default 1 GiB.</summary>
    public long MaxDownloadBytes { get; set; } = 1L << 30;

    /// <summary>An archive whose members add up to more than this is refused. Default 2 GiB.</summary>
    public long MaxExtractedBytes { get; set; } = 2L << 30;

    /// <summary>An archive with more entries than this is refused. Default 100,000.</summary>
    public int MaxArchiveEntries { get; set; } = 100_000;

    /// <summary>
    /// An archive member (zip) or archive stream (tar.gz) that expands more than this many times its
    /// compressed size is a decompression bomb and refused. Text compresses about 3-10 times. Default 200.
    /// </summary>
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>A download that receives no byte for this long is abandoned. Default 60 seconds.</summary>
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
