using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ask.Testing.FakeOpenAI;
using Ask.Testing.FakeSlack;
using Ask.Web.Tests.Observability;
using Ask.Web.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Ask.Web.Tests;

/// <summary>
/// No secret leaves its lane: a run through the API (with and without the key, a provider rejecting the
/// model key, a provider failing), a Slack slash command answered through its response_url and a mention,
/// then everything the service emitted — every log record with its exception, every span's name and tags,
/// every response body, /health, /ready and /metrics, every post to Slack — is searched for each secret.
/// </summary>
public sealed class SecretsTests
{
    private const string ApiKey = "ask-api-key-5f0c1d2e3a4b";
    private const string LlmKey = "sk-llm-secret-9a8b7c6d5e4f";
    private const string ResponseToken = "T0RESPONSE1secretB2c3d4e5f6";

    [Fact]
    public async Task NothingTheServiceEmitsContainsAConfiguredSecret()
    {
        var logs = new ConcurrentQueue<string>();
        var spans = new SpanLog();
        await using var llm = await FakeChatServer.StartAsync(
            // OpenAI's 401 names the key it was sent (masked); a 500 names the organisation.
            ScriptedReply.Error(401, "invalid_api_key", "Incorrect API key provided: sk-llm-****5e4f. Organization org-secretname."),
            ScriptedReply.Error(500, "server_error", "boom at org-secretname"),
            ScriptedReply.Error(500, "server_error", "boom at org-secretname"),
            ScriptedReply.Error(500, "server_error", "boom at org-secretname"),
            ScriptedReply.Error(500, "server_error", "boom at org-secretname"));
        await using var slack = await FakeSlackServer.StartAsync();
        await using var app = new AskApplication();
        app.Settings["Ask:ApiKey"] = ApiKey;
        app.Settings["Llm:BaseUrl"] = llm.BaseUrl.ToString();
        app.Settings["Llm:Model"] = "test-model";
        app.Settings["Llm:ApiKey"] = LlmKey;
        app.Settings["Llm:Retry:BaseDelay"] = "00:00:00.010";
        app.Settings["Slack:SigningSecret"] = SlackFixture.SigningSecret;
        app.Settings["Slack:BotToken"] = SlackFixture.BotToken;
        app.Settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        app.TestServices = services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.AddSingleton<ILoggerProvider>(new CollectingLoggerProvider(logs));
        };
        var secrets = new[] { ApiKey, LlmKey, ResponseToken, SlackFixture.SigningSecret, SlackFixture.BotToken };
        using var client = app.CreateRealClient();
        await SampleServiceTests.WaitUntilIndexReadyAsync(client);
        var bodies = new List<string>();

        async Task<HttpResponseMessage> ApiAsync(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(new { question = "What did they say about vendor lock-in?" }) };
            if (key is not null) request.Headers.Add("X-Api-Key", key);
            var response = await client.SendAsync(request);
            bodies.Add(await response.Content.ReadAsStringAsync());
            return response;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiAsync(ApiKey + "x")).StatusCode);
        var rejected = await ApiAsync(ApiKey);
        Assert.True(rejected.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.OK, $"provider 401 gave {rejected.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await ApiAsync(ApiKey)).StatusCode);
        var requests = new SlackRequests(SlackFixture.SigningSecret);
        var responseUrl = slack.ResponseUrl(ResponseToken);
        await client.SendAsync(requests.Command($"command=%2Fask&text=vendor+lock-in&user_id=US1&channel_id=CS1&trigger_id=t1&response_url={Uri.EscapeDataString(responseUrl)}"));
        await client.SendAsync(requests.Event(SlackRequests.Callback("Ev-secret", SlackRequests.Mention("CS2", "US2", "9.1", "vendor lock-in"))));
        await slack.WaitForAsync("response_url");
        await slack.WaitForAsync("chat.postMessage");
        foreach (var path in new[] { "/health", "/ready", "/metrics" }) bodies.Add(await client.GetStringAsync(path));
        // Stopping the service ends its background work and flushes its spans and logs: after this, everything it
        // will ever have emitted is in hand, so a line written late cannot slip past the check.
        await app.DisposeAsync();

        var emitted = new StringBuilder();
        foreach (var log in logs) emitted.AppendLine(log);
        var recorded = spans.Snapshot();
        // The fakes run in this process: their own server spans are Slack's and the provider's side, not the service's.
        foreach (var span in recorded.Where(s => !(s.Kind == ActivityKind.Server && s.GetTagItem("server.port") is int port && (port == new Uri(slack.Root).Port || port == llm.BaseUrl.Port))))
        {
            emitted.AppendLine(span.DisplayName);
            foreach (var (name, value) in span.TagObjects) emitted.Append(name).Append('=').AppendLine(value?.ToString());
            foreach (var e in span.Events) emitted.AppendLine(e.Name + string.Join(" ", e.Tags.Select(t => t.Value?.ToString())));
        }
        foreach (var body in bodies) emitted.AppendLine(body);
        foreach (var call in slack.Calls) emitted.AppendLine(call.Body.ToJsonString());
        var all = emitted.ToString();

        Assert.Contains(recorded, s => s.GetTagItem("url.full") is string u && u.Contains("/api/response/", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var at = all.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(at < 0, $"{secret} found in: {(at < 0 ? "" : all.Substring(Math.Max(0, at - 600), Math.Min(900, all.Length - Math.Max(0, at - 600))))}");
        }
        // The provider's own error text may be logged (that is where details go), but never shown to a client.
        foreach (var body in bodies) Assert.DoesNotContain("org-secretname", body);
        foreach (var call in slack.Calls) Assert.DoesNotContain("org-secretname", call.Body.ToJsonString());
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs, categoryName);

        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logs.Enqueue($"{category} {logLevel} {formatter(state, exception)} {properties} {exception}");
            }
        }
    }
}
