using System.Text.Json;
using Ask.Adapters.Slack.Answering;

namespace Ask.Adapters.Slack.Events;

/// <summary>
/// Reads an <c>event_callback</c> payload (the same JSON over HTTP and Socket Mode) into a question, or
/// says why the bot stays quiet: its own or another bot's message, an edit, an unfurl (a bot must never answer itself), or an
/// event type it does not answer.
/// </summary>
internal static class SlackEventReader
{
    public static EventDecision Read(JsonElement payload, Func<string> newRequestId)
    {
        if (!payload.TryGetProperty("event", out var e) || e.ValueKind != JsonValueKind.Object) return EventDecision.Ignore("no event");
        var type = Str(e, "type");
        var botUser = payload.TryGetProperty("authorizations", out var auths) && auths.ValueKind == JsonValueKind.Array && auths.GetArrayLength() > 0
            ? Str(auths[0], "user_id") : null;

        if (Str(e, "bot_id") is not null || e.TryGetProperty("bot_profile", out _)) return EventDecision.Ignore("bot message");
        if (Str(e, "subtype") is { } subtype) return EventDecision.Ignore("message subtype " + subtype);
        var user = Str(e, "user");
        if (user is null) return EventDecision.Ignore("no user");
        if (user == botUser) return EventDecision.Ignore("the bot's own message");

        var channel = Str(e, "channel");
        var ts = Str(e, "ts");
        if (channel is null || ts is null) return EventDecision.Ignore("no channel or ts");
        QuestionSource source;
        if (type == "app_mention") source = QuestionSource.Mention;
        else if (type == "message" && Str(e, "channel_type") == "im") source = QuestionSource.DirectMessage;
        else return EventDecision.Ignore("event type " + type);

        var threadTs = Str(e, "thread_ts");
        var question = new SlackQuestion(newRequestId(), source, SlackText.Question(Str(e, "text")), channel, user,
            threadTs ?? ts, InThread: threadTs is not null && threadTs != ts, MessageTs: ts);
        var keys = new List<string> { $"msg:{channel}:{ts}" };
        if (Str(payload, "event_id") is { } eventId) keys.Insert(0, "event:" + eventId);
        return new EventDecision(question, null, keys);
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
