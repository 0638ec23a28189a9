using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Rendering;
using Microsoft.Extensions.Logging;
using Polly;

namespace Ask.Adapters.Slack.WebApi;

/// <summary>
/// The calls the bot makes to Slack: <c>chat.postMessage</c>, <c>chat.update</c>, <c>response_url</c>,
/// <c>conversations.replies</c> and <c>apps.connections.open</c>, each through the retry pipeline
/// (429 waits for <c>Retry-After</c>). Tokens go in the Authorization header only and are never logged.
/// </summary>
internal sealed partial class SlackWebApi(HttpClient http, ResiliencePipeline<HttpResponseMessage> pipeline, SlackOptions options, ILogger<SlackWebApi> logger)
{
    private readonly Uri _base = new(options.ApiBaseUrl.EndsWith('/') ? options.ApiBaseUrl : options.ApiBaseUrl + "/");

    /// <summary>Posts <paramref name="message"/>; returns the new message's ts.</summary>
    public async Task<string?> PostMessageAsync(SlackMessage message, string channel, string? threadTs, CancellationToken cancellationToken)
    {
        var reply = await CallAsync("chat.postMessage", message.ToPayload(channel, threadTs), options.BotToken, cancellationToken);
        return reply.TryGetProperty("ts", out var ts) ? ts.GetString() : null;
    }

    public Task UpdateMessageAsync(SlackMessage message, string channel, string ts, CancellationToken cancellationToken)
    {
        var payload = message.ToPayload(channel);
        payload["ts"] = ts;
        return CallAsync("chat.update", payload, options.BotToken, cancellationToken);
    }

    /// <summary>Answers a slash command through its <c>response_url</c>; false when the URL has expired or was used up (it takes only a few posts, for a limited time).</summary>
    public async Task<bool> RespondAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken)
    {
        if (!IsSlackUrl(responseUrl))
        {
            LogForeignResponseUrl(logger);
            return false;
        }
        var payload = message.ToPayload(responseType: "in_channel");
        payload["replace_original"] = false;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent.Create(payload) }, "response_url", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) return false;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SlackApiException("response_url", $"HTTP {(int)response.StatusCode}", isTransient: (int)response.StatusCode >= 500);
        return !(body.Contains("expired_url", StringComparison.Ordinal) || body.Contains("used_url", StringComparison.Ordinal));
    }

    /// <summary>The messages of a thread, oldest first (the thread's conversation, kept by Slack, survives restarts; memory would not).</summary>
    public async Task<IReadOnlyList<JsonElement>> RepliesAsync(string channel, string threadTs, CancellationToken cancellationToken)
    {
        var query = $"conversations.replies?channel={Uri.EscapeDataString(channel)}&ts={Uri.EscapeDataString(threadTs)}&limit=50";
        var reply = await CallAsync(query, null, options.BotToken, cancellationToken);
        return reply.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray().ToArray() : [];
    }

    /// <summary>The bot id of this app's bot user (<c>auth.test</c>); null when Slack does not say.</summary>
    public async Task<string?> BotIdAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync("auth.test", new JsonObject(), options.BotToken, cancellationToken);
        return reply.TryGetProperty("bot_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
    }

    /// <summary>A fresh Socket Mode WebSocket URL (<c>apps.connections.open</c>, app-level token).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync("apps.connections.open", new JsonObject(), options.AppToken, cancellationToken);
        return reply.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
            ? uri : throw new SlackApiException("apps.connections.open", "no url in the reply");
    }

    private async Task<JsonElement> CallAsync(string method, JsonObject? body, string? token, CancellationToken cancellationToken)
    {
        var name = method.Split('?')[0];
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, new Uri(_base, method));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            return request;
        }, name, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SlackApiException(name, $"HTTP {(int)response.StatusCode}", isTransient: response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500);
        JsonElement root;
        try
        {
            root = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
        }
        catch (JsonException e)
        {
            throw new SlackApiException(name, "the reply was not JSON", innerException: e);
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
            throw new SlackApiException(name, root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) ? error.ToString() : "ok was not true");
        return root;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string method, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async ct =>
            {
                using var message = request();
                var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) LogRateLimited(logger, method, response.Headers.RetryAfter?.ToString() ?? "none");
                return response;
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new SlackApiException(method, "Slack could not be reached: " + e.Message, isTransient: true, e);
        }
    }

    private bool IsSlackUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && ((uri.Scheme == "https" && uri.Host.Equals("hooks.slack.com", StringComparison.OrdinalIgnoreCase))
            || (uri.Scheme == _base.Scheme && uri.Authority.Equals(_base.Authority, StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered 429; waiting Retry-After {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, string method, string retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A response_url outside hooks.slack.com and SLACK_API_BASE_URL was not called")]
    private static partial void LogForeignResponseUrl(ILogger logger);
}
