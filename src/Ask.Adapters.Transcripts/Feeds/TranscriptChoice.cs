namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// Picks the transcript to fetch when an item offers several: JSON (timed segments with speakers) over
/// WebVTT over SRT over HTML over anything else, and captions (<c>rel="captions"</c>, often machine made
/// and without speakers) after every transcript of the same type.
/// </summary>
internal static class TranscriptChoice
{
    public static FeedTranscript? Best(IReadOnlyList<FeedTranscript> transcripts) =>
        transcripts.OrderBy(IsCaptions).ThenBy(Rank).FirstOrDefault();

    /// <summary>The file extension for a transcript of this type (the reader decides the format from the content anyway).</summary>
    public static string Extension(FeedTranscript transcript) => Rank(transcript) switch
    {
        0 => ".json",
        1 => ".vtt",
        2 => ".srt",
        3 => ".html",
        _ => ".txt",
    };

    private static bool IsCaptions(FeedTranscript t) => string.Equals(t.Rel, "captions", StringComparison.OrdinalIgnoreCase);

    private static int Rank(FeedTranscript t)
    {
        var type = (t.Type ?? "").ToLowerInvariant();
        var path = t.Url.ToLowerInvariant();
        if (type.Contains("json") || path.EndsWith(".json", StringComparison.Ordinal)) return 0;
        if (type.Contains("vtt") || path.EndsWith(".vtt", StringComparison.Ordinal)) return 1;
        if (type.Contains("srt") || type.Contains("subrip") || path.EndsWith(".srt", StringComparison.Ordinal)) return 2;
        if (type.Contains("html") || path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith(".htm", StringComparison.Ordinal)) return 3;
        return 4;
    }
}
