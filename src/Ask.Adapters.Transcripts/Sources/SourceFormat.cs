namespace Ask.Adapters.Transcripts.Sources;

internal enum SourceFormat
{
    Unknown,
    EpisodeFile,
    RawCaptions,
    ChapterList,
    WebVtt,
    Srt,
    /// <summary>Detected as JSON; the reader decides which kind from its structure.</summary>
    Json,
    PodcastJson,
    WhisperJson,
    Html,
    ChaptersJson,
}
