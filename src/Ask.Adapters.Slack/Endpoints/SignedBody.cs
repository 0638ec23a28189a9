using Ask.Adapters.Slack.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Endpoints;

/// <summary>
/// Reads a request's raw bytes and checks their Slack signature before anything parses them (signing over the wrong bytes:
/// form binding would consume the body and a re-encoded form would not match). A failure is a bare
/// 401 — the reason goes to the log only; a body over 1 MiB is a 413, read no further.
/// </summary>
internal sealed partial class SignedBody(SlackSignatureVerifier verifier, ILogger<SignedBody> logger) : IEndpointFilter
{
    private const int MaxBytes = 1 << 20;
    private const string ItemKey = "slack.body";

    public static byte[] Of(HttpContext context) => (byte[])context.Items[ItemKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var body = await ReadAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            LogTooLarge(logger, context.Request.Path, MaxBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var check = verifier.Verify(
            context.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString(),
            context.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString(),
            body);
        if (check != SignatureCheck.Valid)
        {
            LogRejected(logger, context.Request.Path, check, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        context.Items[ItemKey] = body;
        return await next(invocation);
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} rejected: body over {Limit} bytes")]
    private static partial void LogTooLarge(ILogger logger, string path, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} rejected: signature {Check} (from {Remote})")]
    private static partial void LogRejected(ILogger logger, string path, SignatureCheck check, string remote);
}
