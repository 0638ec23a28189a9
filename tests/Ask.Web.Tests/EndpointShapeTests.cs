using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing;

namespace Ask.Web.Tests;

/// <summary>
/// Every <c>/api</c> endpoint answers a failure the same way (one mapping, with the request id), and the
/// OpenAPI document names the response records.
/// </summary>
public sealed class EndpointShapeTests
{
    [Fact]
    public async Task AStoreThatCannotBeReachedIsTheSameProblemForSearchAndChat()
    {
        await using var app = new AskApplication();
        app.Settings["Ask:Store"] = "Qdrant";
        app.Settings["Qdrant:Url"] = $"http://127.0.0.1:{LoopbackPorts.Closed()}";
        app.Settings["Qdrant:CheckOnStart"] = "false";
        app.Settings["Qdrant:Retry:MaxRetryAttempts"] = "0";
        using var client = app.CreateRealClient();

        using var search = await client.GetAsync("/api/search?q=vendor+lock-in");
        using var chat = await client.PostAsJsonAsync("/api/chat", new { question = "What did Ravi say about vendor lock-in?" });

        foreach (var response in new[] { search, chat })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Temporarily unavailable", problem.GetProperty("title").GetString());
            Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
            // The store's address stays in the log.
            Assert.DoesNotContain("127.0.0.1", problem.ToString());
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentNamesTheResponseRecords()
    {
        await using var app = new AskApplication();
        using var client = app.CreateRealClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "AnswerDto", "CitationDto", "SearchResponseDto", "PassageDto", "EpisodeDto", "PodcastDto", "HealthDto", "ReadyDto", "ProblemDetails" })
            Assert.True(schemas.TryGetProperty(name, out _), $"schema {name} is missing; the document has {string.Join(", ", schemas.EnumerateObject().Select(p => p.Name))}");
        var episode = schemas.GetProperty("EpisodeDto").GetProperty("properties");
        Assert.True(episode.TryGetProperty("youtube_id", out _), "EpisodeDto keeps its snake_case field names");
        var chat = document.GetProperty("paths").GetProperty("/api/chat").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "200", "400", "502", "503", "504" })
            Assert.True(chat.TryGetProperty(status, out _), $"/api/chat documents {status}");
    }

    [Fact]
    public async Task ThePageLimitsTheQuestionAsTheApiDoes()
    {
        await using var app = new AskApplication();
        using var client = app.CreateRealClient();

        var page = await client.GetStringAsync("/");

        var limit = System.Text.RegularExpressions.Regex.Match(page, "<textarea id=\"question\"[^>]*maxlength=\"(\\d+)\"");
        Assert.True(limit.Success, "the question box has a maxlength");
        Assert.Equal(Ask.Core.Answering.RequestLimits.MaxQuestionChars, int.Parse(limit.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
