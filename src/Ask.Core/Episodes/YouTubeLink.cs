using System.Globalization;

namespace Ask.Core.Episodes;

/// <summary>Builds the links that open a video at a second.</summary>
public static class YouTubeLink
{
    public static string? At(string? videoId, double second) =>
        string.IsNullOrWhiteSpace(videoId)
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"https://www.youtube.com/watch?v={Uri.EscapeDataString(videoId)}&t={(long)Math.Max(0, Math.Floor(second))}s");
}
