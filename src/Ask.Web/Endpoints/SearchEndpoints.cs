using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

public static class SearchEndpoints
{
    /// <summary>Values of one filter parameter (<c>episode</c>, <c>guest</c>, <c>podcast</c>) a search may send.</summary>
    public const int MaxFilterValues = 20;

    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder app)
    {
        app.MapGet("/search", async (HttpContext context, ILoggerFactory logs, string? q, int? k, string[]? episode, string[]? guest, int? season, string[]? podcast, Retriever retriever, CancellationToken ct) =>
        {
            if (RequestLimits.Check("question", q) is { } invalid)
                return Problems.BadRequest(context, "q", $"Query parameter 'q': {invalid}");
            if (k is < 1 or > 100)
                return Problems.BadRequest(context, "k", "Query parameter 'k' must be between 1 and 100.");
            if ((episode?.Length ?? 0) > MaxFilterValues || (guest?.Length ?? 0) > MaxFilterValues)
                return Problems.BadRequest(context, "episode", $"Send at most {MaxFilterValues} episode and {MaxFilterValues} guest values.");
            if ((podcast?.Length ?? 0) > MaxFilterValues)
                return Problems.BadRequest(context, "podcast", $"Send at most {MaxFilterValues} podcast values.");
            if ((podcast ?? []).Select(p => PodcastSpec.CheckId(p)).FirstOrDefault(e => e is not null) is { } badPodcast)
                return Problems.BadRequest(context, "podcast", $"Query parameter 'podcast' {badPodcast}.");
            if ((episode ?? []).Concat(guest ?? []).Select(v => RequestLimits.Check("filter value", v, 200)).FirstOrDefault(e => e is not null) is { } badFilter)
                return Problems.BadRequest(context, "episode", badFilter);
            try
            {
                var filter = new SearchFilter { Episodes = episode ?? [], Guests = guest ?? [], Season = season, Podcasts = podcast ?? [] };
                var result = await retriever.SearchAsync(q!.Trim(), k, filter, ct);
                return Results.Ok(new { passages = result.Passages.Select(PassageDto.From), timings_ms = result.TimingsMs });
            }
            catch (AskException e) when (e is not AskRequestException)
            {
                // The exception's text (a path, a store address) goes to the log; the client gets the request id.
                logs.CreateLogger("Ask.Web.Search").LogError(e, "Search failed");
                return Problems.Problem(context, StatusCodes.Status503ServiceUnavailable, "Search unavailable",
                    "The search failed; try again later and quote the request id if it persists.");
            }
            catch (AskRequestException e)
            {
                return Problems.BadRequest(context, e.Field, e.Message);
            }
        }).WithName("Search");
        return app;
    }
}
