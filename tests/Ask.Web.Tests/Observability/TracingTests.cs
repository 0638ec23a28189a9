using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Core.Episodes;
using Ask.Testing.FakeOpenAI;

namespace Ask.Web.Tests.Observability;

/// <summary>Spans of a chat request, exported in memory by the service's own OpenTelemetry set-up.</summary>
public sealed class TracingTests : IAsyncLifetime
{
    private const string Question = "Why did the SQL dialect make the warehouse migration slow?";
    private readonly TelemetryApplication _telemetry = new();
    private FakeChatServer _llm = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _llm = await FakeChatServer.StartAsync();
        var settings = _telemetry.App.Settings;
        settings["Llm:BaseUrl"] = _llm.BaseUrl.ToString();
        settings["Llm:Model"] = "test-model";
        settings["Llm:Retry:BaseDelay"] = "00:00:00.050";
        _client = _telemetry.App.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(_client);
    }

    [Fact]
    public async Task AChatRequestHasOneSpanPerStageUnderTheHttpRequest()
    {
        var source = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply(source.Quote, source.Start)));

        var answer = await AskAsync();

        var spans = await _telemetry.TraceAsync(answer.GetProperty("request_id").GetString()!, "POST /api/chat");
        // The fake model server runs in this process too, so its server span is in the trace as well.
        var server = spans.Single(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/chat");
        var root = spans.Single(s => s.OperationName == "ask.answer");
        Assert.Equal(server.SpanId, root.ParentSpanId);
        Assert.Equal("generative", root.GetTagItem("ask.mode"));
        foreach (var stage in new[] { "ask.retrieve", "ask.generate", "ask.validate" })
            Assert.Equal(root.SpanId, spans.Single(s => s.OperationName == stage).ParentSpanId);
        Assert.Equal(true, spans.Single(s => s.OperationName == "ask.validate").GetTagItem("ask.valid"));
        Assert.DoesNotContain(spans, s => s.OperationName is "ask.repair" or "ask.fallback");
        // The model call itself is a child span of generate (HttpClient instrumentation).
        var generate = spans.Single(s => s.OperationName == "ask.generate");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == generate.SpanId);
    }

    [Fact]
    public async Task AnInvalidReplyShowsRepairAndFallbackSpansAndLogsCarryTheRequestId()
    {
        var source = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply("we never used any vendor functions at all", source.Start)));

        var answer = await AskAsync();

        Assert.StartsWith("validation_failed", answer.GetProperty("degraded").GetString());
        var requestId = answer.GetProperty("request_id").GetString()!;
        var spans = await _telemetry.TraceAsync(requestId, "POST /api/chat");
        var names = spans.Where(s => s.Source.Name == "Ask").OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName).ToArray();
        Assert.Equal(["ask.answer", "ask.retrieve", "ask.generate", "ask.validate", "ask.repair", "ask.validate", "ask.fallback", "ask.extract"], names);
        Assert.StartsWith("validation_failed", (string)spans.Single(s => s.OperationName == "ask.fallback").GetTagItem("ask.degraded")!);

        var fallbackLog = _telemetry.Logs.Logs.First(l => l.Message.StartsWith("Answering extractively instead", StringComparison.Ordinal));
        Assert.Equal(requestId, fallbackLog.Scope["request_id"]);
    }

    [Fact]
    public async Task AFollowUpHasARewriteSpanBeforeRetrieval()
    {
        var source = await FirstSourceAsync();
        _llm.Then(ScriptedReply.Completion(Reply(source.Quote, source.Start)));
        var first = await AskAsync();
        _llm.Then(ScriptedReply.Completion("Why was the SQL dialect the hardest part of the warehouse migration?"), ScriptedReply.Completion(Reply(source.Quote, source.Start)));

        var followUp = await AskAsync("and why was that so hard?", first.GetProperty("conversation_id").GetString());

        var spans = await _telemetry.TraceAsync(followUp.GetProperty("request_id").GetString()!, "POST /api/chat");
        var root = spans.Single(s => s.OperationName == "ask.answer");
        var rewrite = spans.Single(s => s.OperationName == "ask.rewrite");
        Assert.Equal(root.SpanId, rewrite.ParentSpanId);
        // Retrieved alone first (too far from every chunk to stand alone), rewritten, then retrieved again.
        Assert.True(rewrite.StartTimeUtc <= spans.Where(s => s.OperationName == "ask.retrieve").Max(s => s.StartTimeUtc));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && s.ParentSpanId == rewrite.SpanId);
    }

    private async Task<JsonElement> AskAsync(string question = Question, string? conversationId = null)
    {
        var response = await _client.PostAsJsonAsync("/api/chat", new { question, conversation_id = conversationId });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(string Quote, string Start)> FirstSourceAsync()
    {
        var search = await _client.GetFromJsonAsync<JsonElement>($"/api/search?q={Uri.EscapeDataString(Question)}&k=6");
        var passage = search.GetProperty("passages")[0];
        var firstLine = passage.GetProperty("text").GetString()!.Split('\n')[0];
        return (string.Join(' ', firstLine.Split(' ').Take(6)), Timestamp.Format(passage.GetProperty("start_sec").GetDouble()));
    }

    private static string Reply(string quote, string start) => JsonSerializer.Serialize(new
    {
        status = "answered",
        answer = "Most views used vendor-only SQL functions [1].",
        citations = new[] { new { marker = 1, source = 1, quote, start } },
    });

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _telemetry.DisposeAsync();
        await _llm.DisposeAsync();
    }
}
