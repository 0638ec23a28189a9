using Ask.Core;
using Ask.Core.Answering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ask.Web.Endpoints;

/// <summary>problem+json responses that say what is wrong and carry the request id — never a stack trace.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(HttpContext context, string field, string detail) =>
        Problem(context, StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    /// <summary>
    /// A failed request as the client sees it, the same for every endpoint: its own mistakes (400) in full;
    /// anything behind the service — a provider's or a store's error text can name an organisation, an
    /// address, a path or a key's owner — as a generic message with the request id, the detail in the log.
    /// </summary>
    public static ProblemHttpResult From(HttpContext context, AskException e)
    {
        if (e is AskRequestException r) return BadRequest(context, r.Field, r.Message);
        var failure = UpstreamFailure.Of(e);
        if (e is not AskBusyException)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ask.Web.Problems").LogError(e, "Request failed upstream");
        if (failure.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(context, failure.Status, failure.Title, failure.Detail);
    }

    public static ProblemHttpResult Problem(HttpContext context, int status, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["request_id"] = RequestId.Of(context) };
        if (field is not null) extensions["field"] = field;
        return TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);
    }
}
