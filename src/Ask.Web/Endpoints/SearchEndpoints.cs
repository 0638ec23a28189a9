using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ask.Web.Endpoints;

public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder app)
    {
        app.MapGet("/search", SearchAsync)
            .WithName("Search")
            .WithSummary("The moments of the archive that answer a question, best first, without an answer.")
            .ProducesUpstreamProblems();
        return app;
    }

    public static async Task<Results<Ok<SearchResponseDto>, ProblemHttpResult>> SearchAsync(HttpContext context, string? q, int? k,
        string[]? episode, string[]? guest, int? season, string[]? podcast, Retriever retriever, CancellationToken ct)
    {
        if (Check(context, q, k, episode, guest, podcast) is { } problem) return problem;
        var filter = new SearchFilter { Episodes = episode ?? [], Guests = guest ?? [], Season = season, Podcasts = podcast ?? [] };
        var result = await retriever.SearchAsync(q!.Trim(), k, filter, ct);
        return TypedResults.Ok(SearchResponseDto.From(result));
    }

    private static ProblemHttpResult? Check(HttpContext context, string? q, int? k, string[]? episode, string[]? guest, string[]? podcast)
    {
        const int Max = RequestLimits.MaxFilterValues;
        if (RequestLimits.Check("question", q) is { } invalid)
            return Problems.BadRequest(context, "q", $"Query parameter 'q': {invalid}");
        if (k is < 1 or > RequestLimits.MaxSearchPassages)
            return Problems.BadRequest(context, "k", $"Query parameter 'k' must be between 1 and {RequestLimits.MaxSearchPassages}.");
        if ((episode?.Length ?? 0) > Max || (guest?.Length ?? 0) > Max)
            return Problems.BadRequest(context, "episode", $"Send at most {Max} episode and {Max} guest values.");
        if ((podcast?.Length ?? 0) > Max)
            return Problems.BadRequest(context, "podcast", $"Send at most {Max} podcast values.");
        if ((podcast ?? []).Select(p => PodcastSpec.CheckId(p)).FirstOrDefault(e => e is not null) is { } badPodcast)
            return Problems.BadRequest(context, "podcast", $"Query parameter 'podcast' {badPodcast}.");
        if ((episode ?? []).Concat(guest ?? []).Select(v => RequestLimits.Check("filter value", v, RequestLimits.MaxFilterChars)).FirstOrDefault(e => e is not null) is { } badFilter)
            return Problems.BadRequest(context, "episode", badFilter);
        return null;
    }
}
