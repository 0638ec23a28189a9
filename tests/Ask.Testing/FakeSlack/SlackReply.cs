namespace Ask.Testing.FakeSlack;

/// <summary>A scripted reply of the fake Slack to one call.</summary>
/// <param name="Delay">How long the fake waits before replying (a slow Slack keeps the bot's worker busy).</param>
public sealed record SlackReply(int Status, string? Body, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay = default)
{
    public static SlackReply SlowOk(TimeSpan delay) => new(200, """{"ok":true,"ts":"1.000001"}""", new Dictionary<string, string>(), delay);

    public static SlackReply RateLimited(int retryAfterSeconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""", new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static SlackReply WithStatus(int status, string body = "") => new(status, body, new Dictionary<string, string>());
}
