using System.Diagnostics;

namespace Ask.Web.Observability;

/// <summary>
/// URLs as traces may keep them: a Slack <c>response_url</c> (hooks.slack.com) is a bearer secret in its
/// path, and any URL can carry a token in its query. Traces keep scheme, host, port and the path's shape:
/// query values and the path of a webhook host are replaced, and so is any path segment that looks like a
/// token (16 or more characters mixing letters and digits).
/// </summary>
internal static class UrlRedaction
{
    public const string Redacted = "REDACTED";

    private static readonly string[] WebhookHosts = ["hooks.slack.com"];

    public static string Redact(Uri uri)
    {
        if (!uri.IsAbsoluteUri) return Redacted;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (WebhookHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase))) return origin + "/" + Redacted;
        var path = string.Join('/', uri.AbsolutePath.Split('/').Select(s => LooksLikeToken(s) ? Redacted : s));
        return origin + path + (uri.Query.Length > 1 ? "?" + Redacted : "");
    }

    /// <summary>Long, letters and digits mixed: an id or a token, never a word of an API path.</summary>
    public static bool LooksLikeToken(string segment) =>
        segment.Length >= 16 && segment.Any(char.IsAsciiDigit) && segment.Any(char.IsAsciiLetter);

    /// <summary>Rewrites the URL tags of an outgoing HTTP span.</summary>
    public static void Apply(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is not { } uri) return;
        var redacted = Redact(uri);
        activity.SetTag("url.full", redacted);
        if (activity.GetTagItem("http.url") is not null) activity.SetTag("http.url", redacted);
    }
}
