namespace Ask.Adapters.Transcripts.Archives;

internal enum ArchiveKind
{
    Unknown,
    TarGzip,
    Zip,
}
