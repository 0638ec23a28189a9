using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Web.Observability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ask.Web.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthAsync).WithName("Health");
        app.MapGet("/ready", ReadyAsync).WithName("Ready")
            .Produces<ReadyDto>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// Healthy as soon as the process serves requests; "index" says whether searches have data yet. Needs no
    /// key, so it says what state things are in, never where they are: no file paths, no store address, no
    /// exception text (those go to the log).
    /// </summary>
    public static async Task<Ok<HealthDto>> HealthAsync(IChunkIndex index, IndexStatus status, ILoggerFactory logs, CancellationToken ct)
    {
        var snapshot = status.Current;
        long? chunks = null;
        string? indexError = null;
        try
        {
            chunks = await index.CountAsync(ct);
        }
        catch (Ask.Core.AskException e)
        {
            // Health answers with the store down: that is what it reports.
            logs.CreateLogger("Ask.Web.Health").LogWarning(e, "The chunk store did not answer the health check");
            indexError = "the store did not answer (see the log)";
        }
        return TypedResults.Ok(new HealthDto(
            Status: indexError is null && snapshot.State != IndexState.Failed ? "ok" : "degraded",
            Store: index.Name,
            Index: snapshot.State.ToString().ToLowerInvariant(),
            Chunks: chunks,
            Source: SourceKind(snapshot.Source),
            Error: indexError ?? (snapshot.Error is null ? null : "startup ingest failed (see the log)")));
    }

    /// <summary>
    /// Ready for traffic: 200 when every check passes ("degraded" when one passes with a warning, such as an
    /// old index serving after a failed start-up ingest), 503 naming the one that does not.
    /// </summary>
    internal static async Task<Results<Ok<ReadyDto>, JsonHttpResult<ReadyDto>>> ReadyAsync(ReadinessCheck readiness, CancellationToken ct)
    {
        var checks = await readiness.CheckAsync(ct);
        var ready = checks.Values.All(c => c.Ok);
        var status = !ready ? "not_ready" : checks.Values.Any(c => c.Warning) ? "degraded" : "ready";
        var body = new ReadyDto(status, checks);
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>What the index was loaded from, without the path: "samples" or "episodes".</summary>
    internal static string? SourceKind(string? source) =>
        source is null ? null : source.Contains("samples", StringComparison.OrdinalIgnoreCase) ? "samples" : "episodes";
}
