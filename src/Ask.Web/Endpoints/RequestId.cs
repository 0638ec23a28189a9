namespace Ask.Web.Endpoints;

/// <summary>The id a user quotes when reporting a problem: the caller's <c>X-Request-Id</c> when sane, else the trace id.</summary>
internal static class RequestId
{
    public const string Header = "X-Request-Id";

    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(Header, out var known) && known is string id) return id;
        var sent = context.Request.Headers[Header].ToString();
        id = sent.Length is > 0 and <= 64 && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? sent
            : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[Header] = id;
        return id;
    }
}
