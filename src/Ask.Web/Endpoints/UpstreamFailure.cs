using Ask.Core;

namespace Ask.Web.Endpoints;

/// <summary>
/// What a failure of something the request needs (the store, the embedder, the language model) is called
/// to the client, by kind: busy (503, retry after the given delay), too slow (504), unavailable for now (503,
/// retry in 5 s), or failed outright (502). Plain responses and the stream's <c>error</c> event both use it,
/// so an endpoint cannot answer the same failure with another status.
/// </summary>
internal sealed record UpstreamFailure(int Status, string Title, string Detail, int? RetryAfterSeconds)
{
    public const int TransientRetrySeconds = 5;

    public static UpstreamFailure Of(AskException e) => e switch
    {
        AskBusyException busy => new(StatusCodes.Status503ServiceUnavailable, "Busy",
            "The service is answering as many questions as it can; try again after the Retry-After delay.",
            Math.Max(1, (int)Math.Ceiling(busy.RetryAfter.TotalSeconds))),
        AskTimeoutException => new(StatusCodes.Status504GatewayTimeout, "Upstream timed out",
            "A service the request needs did not answer in time; try again.", null),
        { IsTransient: true } => new(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
            "A service the request needs is unavailable; try again shortly.", TransientRetrySeconds),
        _ => new(StatusCodes.Status502BadGateway, "Upstream failed",
            "A service the request needs failed; quote the request id when reporting it.", null),
    };
}
