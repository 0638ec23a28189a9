using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ask.Web.Tests;

/// <summary>/api/chat with no language model configured: extractive answers over the sample episodes, through the running service.</summary>
public sealed class ChatExtractiveTests(SampleServiceTests.Fixture fixture) : IClassFixture<SampleServiceTests.Fixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<JsonElement> AskAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/api/chat", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ExtractiveAnswerCitesVerbatimQuotesFromTheSamples()
    {
        var response = await Client.PostAsJsonAsync("/api/chat", new { question = "Why was the SQL dialect the hardest part of leaving the warehouse vendor?" });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("answered", answer.GetProperty("status").GetString());
        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("degraded").ValueKind);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), answer.GetProperty("request_id").GetString());
        var citations = answer.GetProperty("citations").EnumerateArray().ToArray();
        Assert.NotEmpty(citations);
        var samples = string.Join("\n", Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "samples")).Select(File.ReadAllText));
        foreach (var citation in citations)
        {
            var quote = citation.GetProperty("quote").GetString()!;
            Assert.Contains(quote, samples.Replace("\n    ", " ").Replace("\n  ", " "));
            Assert.Contains($"[{citation.GetProperty("marker").GetInt32()}]", answer.GetProperty("answer").GetString());
            Assert.StartsWith("Sample:", citation.GetProperty("title").GetString());
            Assert.True(citation.GetProperty("end_sec").GetDouble() >= citation.GetProperty("start_sec").GetDouble());
        }
        Assert.True(answer.GetProperty("timings_ms").GetProperty("total_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task FollowUpWithTheConversationIdKeepsTheTopic()
    {
        var first = await AskAsync(new { question = "What did Ravi say about vendor lock-in?" });

        var followUp = await AskAsync(new { question = "and what did he do about the access rules?", conversation_id = first.GetProperty("conversation_id").GetString() });

        // "he" is the guest the previous answer quoted; the episode is named; the previous question is not carried.
        Assert.StartsWith("and what did Ravi do about the access rules? (Sample: Escaping Vendor Lock-In", followUp.GetProperty("standalone_question").GetString());
        Assert.DoesNotContain("say about vendor lock-in", followUp.GetProperty("standalone_question").GetString());
        Assert.Contains("vendor-lock-in", followUp.GetProperty("citations")[0].GetProperty("episode").GetString());
        Assert.Equal("Ravi", followUp.GetProperty("citations")[0].GetProperty("speaker").GetString());
    }

    [Fact]
    public async Task FiltersRestrictTheCitedEpisode()
    {
        var episodes = await Client.GetFromJsonAsync<JsonElement>("/api/episodes");
        var target = episodes.EnumerateArray().First(e => e.GetProperty("id").GetString()!.Contains("feature-store")).GetProperty("id").GetString();

        var answer = await AskAsync(new { question = "What went wrong in production?", filters = new { episode = target } });

        Assert.All(answer.GetProperty("citations").EnumerateArray(), c => Assert.Equal(target, c.GetProperty("episode").GetString()));
    }

    [Fact]
    public async Task EpisodesListsTheSamples()
    {
        var episodes = await Client.GetFromJsonAsync<JsonElement>("/api/episodes");

        Assert.Equal(3, episodes.GetArrayLength());
        Assert.All(episodes.EnumerateArray(), e => Assert.True(e.GetProperty("chunks").GetInt32() > 0));
    }

    [Fact]
    public async Task StreamSendsSourcesThenDeltasThenCitationsThenTheFinalAnswer()
    {
        var response = await Client.PostAsJsonAsync("/api/chat/stream", new { question = "How did they monitor the fraud model before labels arrived?" });

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !e.StartsWith(':'))
            .Select(e => (Name: e.Split('\n')[0]["event: ".Length..], Data: JsonDocument.Parse(e.Split('\n')[1]["data: ".Length..]).RootElement))
            .ToArray();
        Assert.Equal("sources", events[0].Name);
        Assert.NotEmpty(events[0].Data.EnumerateArray());
        Assert.Equal("delta", events[1].Name);
        Assert.Equal("citations", events[^2].Name);
        Assert.Equal("final", events[^1].Name);
        var streamed = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Equal(events[^1].Data.GetProperty("answer").GetString(), streamed);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheChatEndpoint()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/chat", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/chat/stream", out _));
    }

    [Theory]
    [InlineData("""{"question":""}""", "question", "empty")]
    [InlineData("""{"question":"   "}""", "question", "empty")]
    [InlineData("""{"question":"why\u0007now"}""", "question", "control character")]
    [InlineData("""{"question": 42}""", "question", "not valid JSON")]
    [InlineData("""{"question":"ok",""", "body", "not valid JSON")]
    [InlineData("""{"question":"ok","conversation_id":"garbage"}""", "conversation_id", "not one this service issued")]
    public async Task BadInputIsA400NamingTheField(string body, string field, string message)
    {
        var response = await Client.PostAsync("/api/chat", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, field, message);
    }

    [Fact]
    public async Task QuestionOverTheLimitIsA400SayingTheLimit()
    {
        var response = await Client.PostAsJsonAsync("/api/chat", new { question = new string('a', 1001) });

        await AssertProblemAsync(response, "question", "1000");
    }

    [Fact]
    public async Task WrongContentTypeIsA400()
    {
        var response = await Client.PostAsync("/api/chat", new StringContent("question=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, "Content-Type", "application/json");
    }

    [Fact]
    public async Task OversizeBodyIsA400SayingTheLimit()
    {
        var response = await Client.PostAsync("/api/chat", new StringContent($$"""{"question":"hi","history":[{"question":"{{new string('x', 70_000)}}","answer":""}]}""", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, "body", "limit");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("request_id").GetString()));
        Assert.DoesNotContain("   at ", problem.GetProperty("detail").GetString());
    }
}
