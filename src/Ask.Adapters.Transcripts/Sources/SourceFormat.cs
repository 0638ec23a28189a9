namespace Ask.Adapters.Transcripts.Sources;

internal enum SourceFormat
{
    Unknown,
    EpisodeFile,
    RawCaptions,
    ChapterList,
}
