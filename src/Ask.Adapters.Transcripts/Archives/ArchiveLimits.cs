namespace Ask.Adapters.Transcripts.Archives;

/// <summary>What an archive may hold before it is refused as a bomb; see <see cref="EpisodeReaderOptions"/>.</summary>
internal sealed record ArchiveLimits(long MaxMemberBytes, long MaxExtractedBytes, int MaxEntries, double MaxCompressionRatio)
{
    /// <summary>
    /// Below this many expanded bytes the ratio is not checked: a small file of repeated text can expand
    /// a hundredfold legitimately, and cannot exhaust anything.
    /// </summary>
    public const long RatioFloorBytes = 1L << 20;

    public static ArchiveLimits From(EpisodeReaderOptions options) =>
        new(options.MaxFileBytes, options.MaxExtractedBytes, options.MaxArchiveEntries, options.MaxCompressionRatio);

    public bool IsBomb(long expanded, long compressed) =>
        expanded > RatioFloorBytes && expanded > MaxCompressionRatio * Math.Max(1, compressed);
}
