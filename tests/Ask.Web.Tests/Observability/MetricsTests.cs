using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Core.Ingestion;
using Ask.Testing.FakeOpenAI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests.Observability;

/// <summary>The Prometheus scrape endpoint of the running service.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly AskApplication _app = new();
    private FakeChatServer _llm = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // A model that always answers with a quote no source has: every question is repaired once, then falls back.
        _llm = await FakeChatServer.StartAsync(ScriptedReply.Completion("""{"status":"answered","answer":"They hated it [1].","citations":[{"marker":1,"source":1,"quote":"nobody ever said these words","start":"0:00"}]}"""));
        _app.Settings["Llm:BaseUrl"] = _llm.BaseUrl.ToString();
        _app.Settings["Llm:Model"] = "test-model";
        _client = _app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(_client);
    }

    [Fact]
    public async Task MetricsAfterAChatHaveStageHistogramsFailuresFallbacksTokensAndIngestProgress()
    {
        var chat = await _client.PostAsJsonAsync("/api/chat", new { question = "Why was the SQL dialect the hardest part of leaving the warehouse vendor?" });
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.NotNull((await chat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("degraded").GetString());

        var lines = await ScrapeAsync();

        foreach (var stage in new[] { "retrieve_embed", "generate", "validate", "repair1", "extract", "total" })
            Assert.Contains(lines, l => l.StartsWith("ask_stage_duration_milliseconds_bucket{", StringComparison.Ordinal) && l.Contains($"stage=\"{stage}\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ask_stage_duration_milliseconds_count{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ask_answers_validation_failures_total{", StringComparison.Ordinal) && l.Contains("kind=\"quote_not_found\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ask_answers_fallbacks_total{", StringComparison.Ordinal) && l.Contains("reason=\"validation_failed\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ask_llm_tokens_total{", StringComparison.Ordinal) && l.Contains("type=\"input\"", StringComparison.Ordinal));
        // Meters are matched by name across the process, so parallel test services share the gauge's series:
        // check it is published, and that this service's startup ingest reported its progress into it.
        Assert.Contains(lines, l => l.StartsWith("ask_ingest_chunks{", StringComparison.Ordinal) && l.Contains("progress=\"done\"", StringComparison.Ordinal));
        Assert.True(_app.Services.GetRequiredService<IngestMetrics>().Last.ChunksDone > 0);
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal) && l.Contains("http_route=\"/api/chat\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Scrapes until the chat's HTTP request is in (ASP.NET Core records it once the response has been sent,
    /// which can be just after the client has read it; the exporter also caches a scrape for 300 ms).
    /// </summary>
    private async Task<string[]> ScrapeAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await _client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
            if (attempt == 10 || lines.Any(l => l.Contains("http_route=\"/api/chat\"", StringComparison.Ordinal))) return lines;
            await Task.Delay(400);
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }
}
