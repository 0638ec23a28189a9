using Ask.Core;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

public static class SearchEndpoints
{
    private const int MaxQuestionLength = 1000;

    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder app)
    {
        app.MapGet("/search", async (string? q, int? k, string[]? episode, string[]? guest, int? season, Retriever retriever, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q))
                return Results.Problem(title: "Missing question", detail: "Query parameter 'q' is required and must not be empty.", statusCode: StatusCodes.Status400BadRequest);
            if (q.Length > MaxQuestionLength)
                return Results.Problem(title: "Question too long", detail: $"Query parameter 'q' has {q.Length} characters; the limit is {MaxQuestionLength}.", statusCode: StatusCodes.Status400BadRequest);
            if (k is < 1 or > 100)
                return Results.Problem(title: "Bad k", detail: "Query parameter 'k' must be between 1 and 100.", statusCode: StatusCodes.Status400BadRequest);
            try
            {
                var filter = new SearchFilter { Episodes = episode ?? [], Guests = guest ?? [], Season = season };
                var result = await retriever.SearchAsync(q, k, filter, ct);
                return Results.Ok(new { passages = result.Passages.Select(PassageDto.From), timings_ms = result.TimingsMs });
            }
            catch (AskException e)
            {
                return Results.Problem(title: "Search unavailable", detail: e.Message,
                    statusCode: e.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
            }
        }).WithName("Search");
        return app;
    }
}
