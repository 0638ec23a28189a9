using System.Globalization;

namespace Ask.Core.Episodes;

/// <summary>
/// The link that opens a moment of an episode wherever it lives: the video at that second when there is
/// one, else the audio enclosure with a media fragment (<c>#t=SECONDS</c>), else the episode's page.
/// </summary>
public static class MomentLink
{
    public static string? At(string? youTubeId, string? audioUrl, string? pageUrl, double second)
    {
        if (YouTubeLink.At(youTubeId, second) is { } video) return video;
        if (WebAddress(audioUrl) is { } audio)
        {
            // A fragment the feed put there is not ours to keep: the moment's is the one that matters.
            var builder = new UriBuilder(audio) { Fragment = string.Create(CultureInfo.InvariantCulture, $"t={(long)Math.Max(0, Math.Floor(second))}") };
            return builder.Uri.AbsoluteUri;
        }
        return WebAddress(pageUrl)?.AbsoluteUri;
    }

    /// <summary>
    /// The address when it is an absolute http(s) URL, else null: feeds are written by strangers, and a
    /// <c>javascript:</c> or <c>file:</c> address must never become a link a user clicks.
    /// </summary>
    public static Uri? WebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
