namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>Finds the video id in a YouTube link, for files that give only <c>links.youtube</c>.</summary>
internal static class YouTubeIds
{
    public static string? FromUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Host.EndsWith("youtu.be", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(uri.AbsolutePath.Trim('/'));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == "v") return NonEmpty(Uri.UnescapeDataString(parts[1]));
        }
        return null;
    }

    private static string? NonEmpty(string value) => value.Length > 0 ? value : null;
}
