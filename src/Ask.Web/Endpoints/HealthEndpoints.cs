using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Web.Observability;

namespace Ask.Web.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Healthy as soon as the process serves requests; "index" says whether searches have data yet.
        // Needs no key, so it says what state things are in, never where they are: no file paths, no store
        // address, no exception text (those go to the log).
        app.MapGet("/health", async (IChunkIndex index, IndexStatus status, ILoggerFactory logs, CancellationToken ct) =>
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
                logs.CreateLogger("Ask.Web.Health").LogWarning(e, "The chunk store did not answer the health check");
                indexError = "the store did not answer (see the log)";
            }
            return Results.Ok(new
            {
                status = indexError is null && snapshot.State != IndexState.Failed ? "ok" : "degraded",
                store = index.Name,
                index = snapshot.State.ToString().ToLowerInvariant(),
                chunks,
                source = SourceKind(snapshot.Source),
                error = indexError ?? (snapshot.Error is null ? null : "startup ingest failed (see the log)"),
            });
        }).WithName("Health");

        // Ready for traffic: 200 when every check passes ("degraded" when one passes with a warning, such as an
        // old index serving after a failed start-up ingest), 503 naming the one that does not.
        app.MapGet("/ready", async (ReadinessCheck readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var ready = checks.Values.All(c => c.Ok);
            var status = !ready ? "not_ready" : checks.Values.Any(c => c.Warning) ? "degraded" : "ready";
            return Results.Json(new { status, checks },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithName("Ready");
        return app;
    }

    /// <summary>What the index was loaded from, without the path: "samples" or "episodes".</summary>
    internal static string? SourceKind(string? source) =>
        source is null ? null : source.Contains("samples", StringComparison.OrdinalIgnoreCase) ? "samples" : "episodes";
}
