using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests;

/// <summary>Load is shaped on /api/*: each limit at its edge, through the running service.</summary>
public sealed class LimitsTests
{
    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in seconds");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task TheRequestAfterTheRateLimitIs429WithRetryAfterAndProbesAreNotLimited()
    {
        await using var app = new AskApplication();
        app.Settings["Limits:PermitsPerWindow"] = "3";
        using var client = app.CreateRealClient();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/episodes")).StatusCode);
        var refused = await client.GetAsync("/api/episodes");

        await AssertRefusedAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task TheApiKeyHasItsOwnBudgetAndMadeUpKeysShareTheAddresses()
    {
        await using var app = new AskApplication();
        app.Settings["Limits:PermitsPerWindow"] = "2";
        app.Settings["Ask:ApiKey"] = "the-real-key";
        using var client = app.CreateRealClient();

        async Task<HttpStatusCode> SendAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/episodes");
            request.Headers.Add("X-Api-Key", key);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync("made-up-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync("made-up-2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync("made-up-3"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("the-real-key"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("the-real-key"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync("the-real-key"));
    }

    [Fact]
    public async Task PastTheConcurrencyLimitAndItsQueueIs503WithRetryAfter()
    {
        await using var llm = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers());
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = llm.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:Timeout"] = "00:01:00";
        app.Settings["Limits:MaxConcurrentRequests"] = "1";
        app.Settings["Limits:QueueLimit"] = "1";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        using var stop = new CancellationTokenSource();
        var busy = client.PostAsJsonAsync("/api/chat", new { question = "What did they say about dbt?" }, stop.Token);
        await llm.WaitForRequestsAsync(1);
        // Two more while the slot is taken: one waits in the queue, the other finds it full. Which is which depends
        // on arrival, so the first to finish is the refused one and the other must still be waiting.
        var second = client.GetAsync("/api/episodes", stop.Token);
        var third = client.GetAsync("/api/episodes", stop.Token);
        var done = await Task.WhenAny(second, third);
        var refused = await done;
        var queued = done == second ? third : second;

        await AssertRefusedAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.False(queued.IsCompleted, "the one queued request waits for the slot");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => busy);
    }

    [Fact]
    public async Task ARequestPastItsTimeoutIs504ProblemWithTheRequestId()
    {
        await using var llm = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers());
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = llm.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:Timeout"] = "00:01:00";
        app.Settings["Llm:TotalBudget"] = "00:02:00";
        app.Settings["Answering:FallBackToExtractive"] = "false";
        app.Settings["Limits:RequestTimeout"] = "00:00:01";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        // The model never answers and its own timeouts are minutes away: only the request timeout can end this.
        var response = await client.PostAsJsonAsync("/api/chat", new { question = "What did they say about dbt?" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task ReadyProbesShareOneCheckAndSpendNoTokens()
    {
        await using var llm = await FakeChatServer.StartAsync();
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = llm.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Observability:ReadyCacheSeconds"] = "60";
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);

        for (var i = 0; i < 10; i++) await client.GetAsync("/ready");

        Assert.Single(llm.ModelListRequests);
        Assert.Empty(llm.Requests);
    }
}
