using System.Globalization;
using System.Text.Json.Nodes;

namespace Ask.Adapters.Slack.Rendering;

/// <summary>Slack mrkdwn pieces. Text from transcripts and models is escaped; only links the bot builds stay live, so a transcript saying <c>&lt;!here&gt;</c> pings nobody.</summary>
internal static class Mrkdwn
{
    /// <summary>Escapes the three characters Slack treats as control: <c>&lt;!here&gt;</c> and <c>&lt;@U1&gt;</c> become inert text.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A link the bot builds; null when the URL could break out of the link syntax.</summary>
    public static string? Link(string? url, string label)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || url.IndexOfAny(['<', '>', '|', ' ']) >= 0)
            return null;
        return $"<{url}|{Escape(label).Replace("|", "¦")}>";
    }

    /// <summary><c>H:MM:SS</c>, whatever the length, so an hour-long episode never reads as <c>75:30</c>.</summary>
    public static string Clock(double seconds)
    {
        var total = (long)Math.Max(0, Math.Floor(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 3600}:{total % 3600 / 60:00}:{total % 60:00}");
    }

    /// <summary>
    /// A mrkdwn text object sent <c>verbatim</c>: Slack then turns no bare URL, channel name or @mention into a
    /// link — only the <c>&lt;url|label&gt;</c> links the bot builds itself are live.
    /// </summary>
    public static JsonObject Block(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };

    /// <summary>Cuts at most <paramref name="max"/> characters, at a word boundary where one is near, never inside an escape.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text[..(max - 1)];
        var amp = cut.LastIndexOf('&');
        if (amp >= 0 && cut.IndexOf(';', amp) < 0) cut = cut[..amp];
        var space = cut.LastIndexOf(' ');
        if (space > max * 3 / 4) cut = cut[..space];
        return cut + "…";
    }
}
