namespace Ask.Adapters.Transcripts.Sources;

internal static class SourceFormats
{
    /// <summary>Whether the format holds timed text that becomes (or replaces) an episode's transcript.</summary>
    public static bool IsTranscript(this SourceFormat format) =>
        format is SourceFormat.RawCaptions or SourceFormat.WebVtt or SourceFormat.Srt or SourceFormat.PodcastJson
            or SourceFormat.WhisperJson or SourceFormat.Html;

    /// <summary>Whether the format holds chapters that attach to an episode.</summary>
    public static bool IsChapters(this SourceFormat format) => format is SourceFormat.ChapterList or SourceFormat.ChaptersJson;

    /// <summary>The name used in messages.</summary>
    public static string Describe(this SourceFormat format) => format switch
    {
        SourceFormat.RawCaptions => "raw captions",
        SourceFormat.WebVtt => "WebVTT captions",
        SourceFormat.Srt => "SRT captions",
        SourceFormat.PodcastJson => "JSON transcript",
        SourceFormat.WhisperJson => "Whisper JSON transcript",
        SourceFormat.Html => "HTML transcript",
        SourceFormat.ChapterList => "chapter list",
        SourceFormat.ChaptersJson => "JSON chapters",
        SourceFormat.EpisodeFile => "episode file",
        _ => "file",
    };
}
