using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Ask.Testing.Time;

namespace Ask.Testing.FakeOpenAI;

/// <summary>
/// A real HTTP server speaking OpenAI's <c>POST /v1/chat/completions</c> on a loopback port. It answers
/// from a script (one reply per request, the last one repeating) and records every request as it arrived,
/// so tests count attempts at the socket and measure the gaps between them.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Arrivals _arrivals = new();
    private readonly ConcurrentQueue<RecordedRequest> _modelLists = new();
    private ScriptedReply _last = ScriptedReply.Error(500, "no_script", "The test scripted no reply.");
    private ScriptedReply? _jsonSchemaRejection;
    private Func<RecordedRequest, ScriptedReply>? _respond;

    private FakeChatServer(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First() + "/v1/");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary><c>GET /v1/models</c> requests (readiness probes), kept apart from the completion attempts.</summary>
    public IReadOnlyList<RecordedRequest> ModelListRequests => _modelLists.ToArray();

    public static async Task<FakeChatServer> StartAsync(params ScriptedReply[] script)
    {
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        server.Then(script);
        app.MapPost("/v1/chat/completions", (Func<HttpContext, Task>)server.HandleAsync);
        app.MapGet("/v1/models", (HttpContext context) =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server._modelLists.Enqueue(new RecordedRequest(context.Request.Path, [], headers, server._clock.Elapsed));
            return Results.Json(new { @object = "list", data = new[] { new { id = "test-model", @object = "model" } } });
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>
    /// A server that answers each request by what it asks (say, by its <c>response_format</c>'s schema name) instead
    /// of by its place in a script: for runs whose order of requests is not the test's business.
    /// </summary>
    public static async Task<FakeChatServer> StartAsync(Func<RecordedRequest, ScriptedReply> respond)
    {
        var server = await StartAsync();
        server._respond = respond;
        return server;
    }

    /// <summary>Appends replies to the script; the last reply answers every request after it.</summary>
    public FakeChatServer Then(params ScriptedReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
        return this;
    }

    /// <summary>
    /// Plays a provider without structured outputs: every request with <c>response_format</c> json_schema
    /// gets <paramref name="rejection"/> (by default old Azure's api-version 400), outside the script; others follow it.
    /// </summary>
    public FakeChatServer RejectingJsonSchema(ScriptedReply? rejection = null)
    {
        _jsonSchemaRejection = rejection ?? ScriptedReply.JsonSchemaUnsupported();
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = _clock.Elapsed;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // On a loaded machine a client's attempt timeout can fire while its body is still arriving; the
            // attempt reached the wire all the same, and tests counting attempts must see it.
            _requests.Enqueue(new RecordedRequest(context.Request.Path, [], headers, at));
            _arrivals.Pulse();
            return;
        }
        var recorded = new RecordedRequest(context.Request.Path, body, headers, at);
        _requests.Enqueue(recorded);
        _arrivals.Pulse();

        ScriptedReply? reply;
        if (_respond is not null) reply = _respond(recorded);
        else if (_jsonSchemaRejection is not null && body["response_format"]?["type"]?.GetValue<string>() == "json_schema") reply = _jsonSchemaRejection;
        else if (_script.TryDequeue(out reply)) _last = reply;
        else reply = _last;

        if (reply.Hang)
        {
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.CountsPromptTokens ? WithPromptTokens(reply.Body!, body) : reply.Body ?? "", context.RequestAborted);
    }

    private static string WithPromptTokens(string reply, JsonObject request)
    {
        var json = JsonNode.Parse(reply)!;
        var messages = request["messages"]?.AsArray() ?? [];
        var characters = messages.Sum(m => m?["content"] is JsonValue v && v.TryGetValue<string>(out var text) ? text.Length : m?["content"]?.ToJsonString().Length ?? 0);
        var tokens = characters / 4 + 4 * messages.Count;
        json["usage"]!["prompt_tokens"] = tokens;
        json["usage"]!["total_tokens"] = tokens + 20;
        return json.ToJsonString();
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived, so a test can act mid-call.</summary>
    public Task WaitForRequestsAsync(int count) =>
        _arrivals.WaitUntilAsync(() => _requests.Count >= count, () => $"only {_requests.Count} of {count} requests arrived");

    /// <summary>Arrival gaps between consecutive requests.</summary>
    public IReadOnlyList<TimeSpan> Gaps()
    {
        var requests = Requests;
        return requests.Skip(1).Select((r, i) => r.At - requests[i].At).ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
