using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Ask.Testing.Time;

namespace Ask.Testing.FakeSlack;

/// <summary>
/// A real HTTP server speaking the part of Slack's Web API the bot uses (<c>chat.postMessage</c>,
/// <c>chat.update</c>, <c>conversations.replies</c>, <c>apps.connections.open</c>, <c>response_url</c>s)
/// plus a Socket Mode WebSocket. It keeps threads — messages the test adds and the bot's posts — so
/// <c>conversations.replies</c> returns what Slack would, and records every call as it arrived.
/// </summary>
public sealed partial class FakeSlackServer : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string BotId = "BBOT";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly Arrivals _arrivals = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SlackReply>> _scripts = new();
    private readonly ConcurrentDictionary<string, List<JsonObject>> _threads = new();
    private long _ts = 1_700_000_000_000_000;

    private FakeSlackServer(WebApplication app) => _app = app;

    public string Root => _app.Urls.First();

    /// <summary>What <c>SLACK_API_BASE_URL</c> is set to.</summary>
    public string ApiBaseUrl => Root + "/api/";

    public IReadOnlyList<SlackCall> Calls => _calls.ToArray();

    public IReadOnlyList<SlackCall> CallsTo(string method) => _calls.Where(c => c.Method == method).ToArray();

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = LoopbackServer.CreateBuilder();
        var app = builder.Build();
        var server = new FakeSlackServer(app);
        app.UseWebSockets();
        app.Map("/socket", (Func<HttpContext, Task>)server.AcceptSocketAsync);
        app.MapPost("/api/response/{id}", (Func<HttpContext, Task>)(c => server.HandleAsync(c, "response_url")));
        app.Map("/api/{method}", (Func<HttpContext, Task>)(c => server.HandleAsync(c, (string)c.Request.RouteValues["method"]!)));
        await app.StartAsync();
        return server;
    }

    /// <summary>A <c>response_url</c> for a slash command, pointing at this server.</summary>
    public string ResponseUrl(string id) => $"{Root}/api/response/{id}";

    /// <summary>Replies for the next calls to <paramref name="method"/>; after them, calls succeed again.</summary>
    public void Script(string method, params SlackReply[] replies)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<SlackReply>());
        foreach (var reply in replies) queue.Enqueue(reply);
    }

    /// <summary>A person's message in a channel, as Slack would store it; returns its ts.</summary>
    public string AddUserMessage(string channel, string user, string text, string? threadTs = null)
    {
        var ts = NextTs();
        Append(channel, threadTs ?? ts, new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts, ["thread_ts"] = threadTs ?? ts });
        return ts;
    }

    /// <summary>Waits until <paramref name="count"/> calls to <paramref name="method"/> have arrived.</summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(string method, int count = 1, TimeSpan? timeout = null)
    {
        await _arrivals.WaitUntilAsync(() => CallsTo(method).Count >= count,
            () => $"only {CallsTo(method).Count} of {count} {method} calls arrived; calls: {string.Join(", ", Calls.Select(c => c.Method))}", timeout);
        return CallsTo(method);
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the calls received so far, checked at every arrival.</summary>
    public Task WaitUntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        _arrivals.WaitUntilAsync(condition, describe, timeout);

    private async Task HandleAsync(HttpContext context, string method)
    {
        var at = _clock.Elapsed;
        JsonObject body = [];
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? [];
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        // The reply is picked before the call is recorded, so each call carries the status it was answered with.
        var scripted = _scripts.TryGetValue(method, out var script) && script.TryDequeue(out var next) ? next : null;
        _calls.Enqueue(new SlackCall(method, context.Request.Path.ToString(), body, headers, query, at) { Status = scripted?.Status ?? 200 });
        _arrivals.Pulse();

        if (scripted is not null)
        {
            if (scripted.Delay > TimeSpan.Zero) await Task.Delay(scripted.Delay, context.RequestAborted);
            context.Response.StatusCode = scripted.Status;
            foreach (var (name, value) in scripted.Headers) context.Response.Headers[name] = value;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(scripted.Body ?? "", context.RequestAborted);
            return;
        }

        JsonObject reply = method switch
        {
            "chat.postMessage" => Posted(body),
            "conversations.replies" => new JsonObject
            {
                ["ok"] = true,
                ["messages"] = Messages(query.GetValueOrDefault("channel") ?? "", query.GetValueOrDefault("ts") ?? ""),
            },
            "auth.test" => new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = BotId },
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = Root.Replace("http://", "ws://") + "/socket" },
            _ => new JsonObject { ["ok"] = true },
        };
        await context.Response.WriteAsJsonAsync(reply, context.RequestAborted);
    }

    private JsonObject Posted(JsonObject body)
    {
        var ts = NextTs();
        var channel = body["channel"]?.GetValue<string>() ?? "";
        var thread = body["thread_ts"]?.GetValue<string>();
        Append(channel, thread ?? ts, new JsonObject
        {
            ["type"] = "message", ["bot_id"] = BotId, ["user"] = BotUserId, ["text"] = body["text"]?.DeepClone(), ["ts"] = ts, ["thread_ts"] = thread ?? ts,
        });
        return new JsonObject { ["ok"] = true, ["channel"] = channel, ["ts"] = ts };
    }

    private void Append(string channel, string threadTs, JsonObject message)
    {
        var thread = _threads.GetOrAdd($"{channel}:{threadTs}", _ => []);
        lock (thread) thread.Add(message);
    }

    private JsonArray Messages(string channel, string threadTs)
    {
        var thread = _threads.GetOrAdd($"{channel}:{threadTs}", _ => []);
        lock (thread) return new JsonArray(thread.Select(m => (JsonNode)m.DeepClone()).ToArray());
    }

    private string NextTs()
    {
        var micros = Interlocked.Increment(ref _ts);
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:000000}");
    }

    public async ValueTask DisposeAsync()
    {
        await CloseSocketsAsync();
        await _app.DisposeAsync();
    }
}
