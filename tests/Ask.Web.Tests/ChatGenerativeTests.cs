using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Core.Episodes;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests;

/// <summary>
/// /api/chat with a language model configured: the real service and the real Semantic Kernel adapter,
/// talking HTTP to a fake OpenAI-compatible server that plays scripted replies.
/// </summary>
public sealed class ChatGenerativeTests : IAsyncLifetime
{
    private const string Question = "Why did the SQL dialect make the warehouse migration slow?";
    private FakeChatServer _llm = null!;
    private AskApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _llm = await FakeChatServer.StartAsync();
        _app = new AskApplication();
        _app.Settings["Llm:BaseUrl"] = _llm.BaseUrl.ToString();
        _app.Settings["Llm:Model"] = "test-model";
        _app.Settings["Llm:ApiKey"] = "sk-test-secret";
        _app.Settings["Llm:Timeout"] = "00:00:02";
        _app.Settings["Llm:TotalBudget"] = "00:00:05";
        _app.Settings["Llm:Retry:BaseDelay"] = "00:00:00.050";
        _client = _app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(_client);
    }

    /// <summary>The first source the service will number for <see cref="Question"/>: the same retrieval, asked through /api/search.</summary>
    private Task<(string Quote, string Start, string Title)> FirstSourceAsync() => FirstSourceAsync(_client);

    private static async Task<(string Quote, string Start, string Title)> FirstSourceAsync(HttpClient client)
    {
        var search = await client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Question)}&k=6");
        var passage = search.GetProperty("passages")[0];
        var firstLine = passage.GetProperty("text").GetString()!.Split('\n')[0];
        var quote = string.Join(' ', firstLine.Split(' ').Take(6));
        return (quote, Timestamp.Format(passage.GetProperty("start_sec").GetDouble()), passage.GetProperty("title").GetString()!);
    }

    private static string Reply(string quote, string start, int source = 1) => JsonSerializer.Serialize(new
    {
        status = "answered",
        answer = "Most views used vendor-only SQL functions [1].",
        citations = new[] { new { marker = 1, source, quote, start } },
    });

    private async Task<JsonElement> AskAsync()
    {
        var response = await _client.PostAsJsonAsync("/api/chat", new { question = Question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ModelNeverAnswering_WithoutFallback_Is504ProblemWithTheRequestId()
    {
        await using var silent = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers());
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = silent.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:ApiKey"] = "sk-test-secret";
        app.Settings["Llm:Timeout"] = "00:00:00.500";
        app.Settings["Llm:TotalBudget"] = "00:00:01";
        app.Settings["Llm:Retry:BaseDelay"] = "00:00:00.050";
        app.Settings["Answering:FallBackToExtractive"] = "false";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        var response = await client.PostAsJsonAsync("/api/chat", new { question = Question });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(requestId, problem.GetProperty("request_id").GetString());
        // Generic: the budget's own wording stays in the log.
        Assert.Contains("did not answer in time", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("sk-test-secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GoodModelReplyIsValidatedAndFilledFromTheChunk()
    {
        var (quote, start, title) = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply(quote, start)));

        var answer = await AskAsync();

        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        Assert.Equal("answer.v2", answer.GetProperty("prompt").GetString());
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal(title, citation.GetProperty("title").GetString());
        Assert.Equal(quote, citation.GetProperty("quote").GetString());
        var request = Assert.Single(_llm.Requests);
        Assert.Equal("json_schema", request.Body["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains(Question, request.MessagesText);
    }

    [Fact]
    public async Task FabricatedQuoteTwiceEndsInTheExtractiveAnswerMarkedDegraded()
    {
        var (_, start, _) = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply("we never used any vendor functions at all", start)));

        var answer = await AskAsync();

        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.StartsWith("validation_failed", answer.GetProperty("degraded").GetString());
        Assert.Equal(2, _llm.Requests.Count);
        Assert.Contains("not in source 1", _llm.Requests[1].MessagesText);
    }

    [Fact]
    public async Task ClaimCreditedToSomeoneElseThanTheQuotedSpeaker_RejectedAndRepairedWithTheReason()
    {
        var (quote, start, _) = await FirstSourceAsync();
        var speakers = (await _client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Question)}&k=6"))
            .GetProperty("passages")[0].GetProperty("speakers").EnumerateArray().Select(s => s.GetString()!).ToArray();
        // The quote is from the passage's first row, whose speaker is listed first; credit the other one.
        var other = speakers.Skip(1).First();
        var misattributed = Reply(quote, start).Replace("Most views used", $"{other} says most views used");
        _llm.Then(ScriptedReply.Completion(misattributed)).Then(ScriptedReply.Completion(Reply(quote, start)));

        var answer = await AskAsync();

        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        Assert.Equal(2, _llm.Requests.Count);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("degraded").ValueKind);
        Assert.Contains($"credits {other}, but [1] quotes {speakers[0]}", _llm.Requests[1].MessagesText);
    }

    [Fact]
    public async Task FigureNoQuoteContains_RejectedTwiceEndsExtractive()
    {
        var (quote, start, _) = await FirstSourceAsync();
        var invented = Reply(quote, start).Replace("Most views used", "About 87% of the views used");
        _llm.Then(ScriptedReply.Completion(invented)).Then(ScriptedReply.Completion(invented));

        var answer = await AskAsync();

        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.StartsWith("validation_failed", answer.GetProperty("degraded").GetString());
        Assert.Contains("states the figure 87, which none of its quotes contains", _llm.Requests[1].MessagesText);
        Assert.DoesNotContain("87", answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task CitationOfASourceNotGivenIsRejected()
    {
        var (quote, start, _) = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply(quote, start, source: 42)));

        var answer = await AskAsync();

        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.StartsWith("validation_failed", answer.GetProperty("degraded").GetString());
        Assert.Contains("source 42", _llm.Requests[1].MessagesText);
    }

    [Fact]
    public async Task ProseInsteadOfJsonIsNeverReturned()
    {
        _llm.Then(ScriptedReply.Completion("The answer is Kubernetes."));

        var answer = await AskAsync();

        Assert.DoesNotContain("Kubernetes", answer.GetProperty("answer").GetString());
        Assert.NotNull(answer.GetProperty("degraded").GetString());
    }

    [Fact]
    public async Task ProviderWithoutStructuredOutputs_FlaggedAtStart_AnswersWithJsonObjectAndValidates()
    {
        // Old Azure api-versions answer json_schema with a 400 (no structured outputs); the startup probe finds out before any question.
        await using var azure = (await FakeChatServer.StartAsync()).RejectingJsonSchema();
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = azure.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:ApiKey"] = "sk-test-secret";
        app.Settings["Llm:ProbeStructuredOutputs"] = "true";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);
        var probe = Assert.Single(azure.Requests);
        Assert.Equal("json_schema", probe.Body["response_format"]!["type"]!.GetValue<string>());
        var (quote, start, _) = await FirstSourceAsync(client);
        azure.Then(ScriptedReply.Completion(Reply(quote, start)));

        var response = await client.PostAsJsonAsync("/api/chat", new { question = Question });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("generative", answer.GetProperty("mode").GetString());
        Assert.True(!answer.TryGetProperty("degraded", out var degraded) || degraded.ValueKind == JsonValueKind.Null);
        Assert.Equal(quote, answer.GetProperty("citations")[0].GetProperty("quote").GetString());
        Assert.Equal(2, azure.Requests.Count);
        Assert.Equal("json_object", azure.Requests[1].Body["response_format"]!["type"]!.GetValue<string>());
        var ready = await client.GetFromJsonAsync<JsonElement>("/ready");
        Assert.Contains("json_object", ready.GetProperty("checks").GetProperty("llm").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ServerErrorsEndInTheExtractiveAnswerSayingWhy()
    {
        _llm.Then(ScriptedReply.Error(500, "server_error", "boom"));

        var answer = await AskAsync();

        Assert.Equal("extractive", answer.GetProperty("mode").GetString());
        Assert.StartsWith("model_unavailable", answer.GetProperty("degraded").GetString());
        Assert.DoesNotContain("sk-test-secret", answer.GetRawText());
    }

    [Fact]
    public async Task ProviderRejectingTheKeyIsA502WithoutTheProvidersText()
    {
        _llm.Then(ScriptedReply.Error(401, "invalid_api_key", "Incorrect API key provided: sk-te****cret. Organization org-acme."));

        var response = await _client.PostAsJsonAsync("/api/chat", new { question = Question });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("org-acme", body);
        Assert.DoesNotContain("Incorrect API key", body);
        Assert.DoesNotContain("   at ", body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task ModelsNotInArchiveTextIsReplacedByTheFixedText()
    {
        _llm.Then(ScriptedReply.Completion(JsonSerializer.Serialize(new { status = "not_in_archive", answer = "Not covered; read http://evil.example instead.", citations = Array.Empty<object>() })));

        var answer = await AskAsync();

        Assert.Equal("not_in_archive", answer.GetProperty("status").GetString());
        Assert.Equal(Ask.Core.Answering.CitationValidator.NotInArchiveText, answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task RefusalIsReportedAsRefused()
    {
        _llm.Then(ScriptedReply.Completion(null, refusal: "I can't help with that; see http://evil.example"));

        var answer = await AskAsync();

        Assert.Equal("refused", answer.GetProperty("status").GetString());
        Assert.Equal(Ask.Core.Answering.CitationValidator.RefusedText, answer.GetProperty("answer").GetString());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }
}
