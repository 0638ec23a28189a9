using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests.Observability;

/// <summary>/ready: 200 only when the index is loaded, the store answers and the model is reachable (or not needed).</summary>
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
