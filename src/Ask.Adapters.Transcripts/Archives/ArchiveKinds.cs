namespace Ask.Adapters.Transcripts.Archives;

internal static class ArchiveKinds
{
    /// <summary>Tells the archive kind from its first bytes; names and content types are often wrong.</summary>
    public static ArchiveKind Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1F, 0x8B, ..] => ArchiveKind.TarGzip,
        // Local file header, or the end record of an empty archive.
        [0x50, 0x4B, 0x03, 0x04, ..] or [0x50, 0x4B, 0x05, 0x06, ..] => ArchiveKind.Zip,
        _ => ArchiveKind.Unknown,
    };
}
