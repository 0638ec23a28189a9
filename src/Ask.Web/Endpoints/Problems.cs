using Ask.Core;
using Ask.Core.Answering;

namespace Ask.Web.Endpoints;

/// <summary>problem+json responses that say what is wrong and carry the request id — never a stack trace.</summary>
internal static class Problems
{
    public static IResult BadRequest(HttpContext context, string field, string detail) =>
        Problem(context, StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static IResult From(HttpContext context, AskException e) => e switch
    {
        AskRequestException r => BadRequest(context, r.Field, r.Message),
        AskTimeoutException => Problem(context, StatusCodes.Status504GatewayTimeout, "Upstream timed out", e.Message),
        { IsTransient: true } => Problem(context, StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", e.Message),
        _ => Problem(context, StatusCodes.Status500InternalServerError, "Request failed", e.Message),
    };

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
