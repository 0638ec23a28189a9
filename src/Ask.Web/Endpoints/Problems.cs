using Ask.Core;
using Ask.Core.Answering;

namespace Ask.Web.Endpoints;

/// <summary>problem+json responses that say what is wrong and carry the request id — never a stack trace.</summary>
internal static class Problems
{
    public static IResult BadRequest(HttpContext context, string field, string detail) =>
        Problem(context, StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    /// <summary>
    /// A failed answer as the client sees it: its own mistakes (400) in full; anything upstream — a provider's
    /// error text can name an organisation, an endpoint or a key's owner — as a generic message with the
    /// request id, the detail in the log. A provider that rejects the service's key is 502, not 500.
    /// </summary>
    public static IResult From(HttpContext context, AskException e)
    {
        if (e is AskRequestException r) return BadRequest(context, r.Field, r.Message);
        if (e is AskBusyException busy)
            return Retry(Problem(context, StatusCodes.Status503ServiceUnavailable, "Busy",
                "The service is answering as many questions as it can; try again after the Retry-After delay."), context, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds));
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ask.Web.Problems").LogError(e, "Request failed upstream");
        return e switch
        {
            AskTimeoutException => Problem(context, StatusCodes.Status504GatewayTimeout, "Upstream timed out",
                "A service the answer needs did not answer in time; try again."),
            { IsTransient: true } => Retry(Problem(context, StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                "A service the answer needs is unavailable; try again shortly."), context, 5),
            _ => Problem(context, StatusCodes.Status502BadGateway, "Upstream failed",
                "A service the answer needs failed; quote the request id when reporting it."),
        };
    }

    /// <summary>Adds <c>Retry-After</c> (seconds) to the response that <paramref name="result"/> writes.</summary>
    public static IResult Retry(IResult result, HttpContext context, int seconds)
    {
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    public static IResult Problem(HttpContext context, int status, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["request_id"] = RequestId.Of(context) };
        if (field is not null) extensions["field"] = field;
        return Results.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);
    }
}

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
