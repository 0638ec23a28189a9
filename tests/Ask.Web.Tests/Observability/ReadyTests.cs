using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests.Observability;

/// <summary>/ready: 200 only when an index is serving, the store answers and the model is reachable (or not needed).</summary>
public sealed class ReadyTests
{
    [Fact]
    public async Task ReadyIs503WhileTheIndexIsNotLoadedAndHealthStaysUp()
    {
        await using var app = new AskApplication();
        app.Settings["Ask:EpisodesDirectory"] = Path.Combine(app.DataDirectory, "no-such-folder");
        using var client = app.CreateRealClient();

        var ready = await WaitForIndexAsync(client, state => state != "starting");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("not_ready", ready.Body.GetProperty("status").GetString());
        var index = ready.Body.GetProperty("checks").GetProperty("index");
        Assert.False(index.GetProperty("ok").GetBoolean());
        // Says that ingest failed, not where: /ready needs no key.
        Assert.Contains("startup ingest failed", index.GetProperty("detail").GetString());
        Assert.DoesNotContain("no-such-folder", ready.Body.GetRawText());
        Assert.True(ready.Body.GetProperty("checks").GetProperty("store").GetProperty("ok").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ReadyIsDegradedNotUnreadyWhenTheStartupIngestFailsWithAnOldIndexServing()
    {
        // A first start ingests the samples into the data folder.
        await using var first = new AskApplication();
        using var firstClient = first.CreateRealClient();
        await WaitForIndexAsync(firstClient, state => state == "ready");

        // A second start on the same folder is pointed at episodes that are not there: its ingest fails.
        await using var second = new AskApplication();
        second.Settings["Ask:DataDirectory"] = first.DataDirectory;
        second.Settings["Ask:EpisodesDirectory"] = Path.Combine(first.DataDirectory, "no-such-folder");
        using var client = second.CreateRealClient();

        var ready = await WaitForIndexAsync(client, state => state != "starting" && state != "ingesting");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("degraded", ready.Body.GetProperty("status").GetString());
        var index = ready.Body.GetProperty("checks").GetProperty("index");
        Assert.True(index.GetProperty("ok").GetBoolean());
        Assert.True(index.GetProperty("warning").GetBoolean());
        Assert.Contains("startup ingest failed", index.GetProperty("detail").GetString());
        Assert.Contains("serving the index it had", index.GetProperty("detail").GetString());
        Assert.DoesNotContain("no-such-folder", ready.Body.GetRawText());
        // The old index does answer.
        var search = await client.GetFromJsonAsync<JsonElement>("/api/search?q=vendor+lock-in&k=1");
        Assert.Contains("Sample:", search.GetRawText());
    }

    [Fact]
    public async Task ReadyIs503WhenTheLanguageModelCannotBeReached()
    {
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/v1/";
        app.Settings["Llm:Model"] = "test-model";
        using var client = app.CreateRealClient();

        var ready = await WaitForIndexAsync(client, state => state == "ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        var llm = ready.Body.GetProperty("checks").GetProperty("llm");
        Assert.False(llm.GetProperty("ok").GetBoolean());
        Assert.Contains("cannot reach the LLM endpoint", llm.GetProperty("detail").GetString());
        Assert.DoesNotContain("127.0.0.1", ready.Body.GetRawText());
    }

    [Fact]
    public async Task ReadyIs200WithAReachableModelAndNeverShowsItsKey()
    {
        await using var llmServer = await FakeChatServer.StartAsync();
        await using var app = new AskApplication();
        app.Settings["Llm:BaseUrl"] = llmServer.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:ApiKey"] = "sk-ready-secret";
        using var client = app.CreateRealClient();

        var ready = await WaitForIndexAsync(client, state => state == "ready");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("ready", ready.Body.GetProperty("status").GetString());
        Assert.Contains("test-model", ready.Body.GetProperty("checks").GetProperty("llm").GetProperty("detail").GetString());
        Assert.DoesNotContain("sk-ready-secret", ready.Body.GetRawText());
        // The probe reached the model server and sent the key as a bearer token.
        Assert.Contains(llmServer.ModelListRequests, r => r.Path == "/v1/models" && r.Headers.GetValueOrDefault("Authorization") == "Bearer sk-ready-secret");
    }

    [Fact]
    public async Task ReadyIs200InExtractiveModeOnceTheSamplesAreIn()
    {
        await using var app = new AskApplication();
        using var client = app.CreateRealClient();

        var ready = await WaitForIndexAsync(client, state => state == "ready");

        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("ready", ready.Body.GetProperty("status").GetString());
        Assert.False(ready.Body.GetProperty("checks").GetProperty("index").TryGetProperty("warning", out _));
        Assert.Contains("extractive", ready.Body.GetProperty("checks").GetProperty("llm").GetProperty("detail").GetString());
    }

    /// <summary>Waits until /health reports an index state that <paramref name="settled"/> accepts, then asks /ready.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForIndexAsync(HttpClient client, Func<string, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!settled((await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("index").GetString()!))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the index never settled");
            await Task.Delay(100);
        }
        var response = await client.GetAsync("/ready");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
