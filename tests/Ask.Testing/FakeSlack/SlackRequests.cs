using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ask.Testing.FakeSlack;

/// <summary>
/// Requests as Slack sends them: signed with the signing secret over the exact body bytes
/// (<c>v0=</c> hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>). Written independently of the bot's verifier.
/// </summary>
public sealed class SlackRequests(string signingSecret)
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public static string Signature(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset? at = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Signature(signingSecret, timestamp, bytes));
        return request;
    }

    public HttpRequestMessage Event(JsonObject payload, DateTimeOffset? at = null) => Signed("/slack/events", payload.ToJsonString(), "application/json", at);

    /// <summary>A slash command; <paramref name="formBody"/> is sent byte for byte (already form-encoded).</summary>
    public HttpRequestMessage Command(string formBody) => Signed("/slack/commands", formBody, "application/x-www-form-urlencoded");

    public HttpRequestMessage Interaction(JsonObject payload) =>
        Signed("/slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded");

    /// <summary>An <c>event_callback</c> wrapping <paramref name="inner"/>, authorised for the fake's bot user.</summary>
    public static JsonObject Callback(string eventId, JsonObject inner) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T1",
        ["api_app_id"] = "A1",
        ["event_id"] = eventId,
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = FakeSlackServer.BotUserId, ["is_bot"] = true }),
        ["event"] = inner.DeepClone(),
    };

    public static JsonObject Mention(string channel, string user, string ts, string text, string? threadTs = null)
    {
        var e = new JsonObject { ["type"] = "app_mention", ["channel"] = channel, ["user"] = user, ["ts"] = ts, ["text"] = $"<@{FakeSlackServer.BotUserId}> {text}" };
        if (threadTs is not null) e["thread_ts"] = threadTs;
        return e;
    }

    public static JsonObject DirectMessage(string channel, string user, string ts, string text) =>
        new() { ["type"] = "message", ["channel_type"] = "im", ["channel"] = channel, ["user"] = user, ["ts"] = ts, ["text"] = text };
}
