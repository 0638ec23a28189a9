namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Limits of the transcript readers beyond the file size (which <see cref="EpisodeReaderOptions.MaxFileBytes"/> caps).</summary>
internal static class TranscriptLimits
{
    /// <summary>
    /// Nesting a JSON transcript or chapter file may have: the formats need 5 (WhisperX words inside
    /// segments); anything far deeper is hostile and would cost the parser stack and time for nothing.
    /// </summary>
    public const int MaxJsonDepth = 16;

    public static string Capped(int max, string what) =>
        $"the file has more than {max:N0} {what}; the rest, from here on, is left out (Episodes:MaxTranscriptSegments)";
}
