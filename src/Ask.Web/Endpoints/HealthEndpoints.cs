using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Web.Observability;

namespace Ask.Web.Endpoints;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Healthy as soon as the process serves requests; "index" says whether searches have data yet.
        app.MapGet("/health", async (IChunkIndex index, IndexStatus status, CancellationToken ct) =>
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
                indexError = e.Message;
            }
            return Results.Ok(new
            {
                status = indexError is null && snapshot.State != IndexState.Failed ? "ok" : "degraded",
                store = index.Name,
                index = snapshot.State.ToString().ToLowerInvariant(),
                chunks,
                source = snapshot.Source,
                error = indexError ?? snapshot.Error,
            });
        }).WithName("Health");

        // Ready for traffic: 200 when every check passes, 503 naming the one that does not.
        app.MapGet("/ready", async (ReadinessCheck readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var ready = checks.Values.All(c => c.Ok);
            return Results.Json(new { status = ready ? "ready" : "not_ready", checks },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithName("Ready");
        return app;
    }
}
