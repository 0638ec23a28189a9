using Ask.Adapters.Slack.Answering;

namespace Ask.Adapters.Slack.Events;

/// <summary>What an incoming event asks of the bot: a question (possibly empty: then help), or nothing, and why.</summary>
internal sealed record EventDecision(SlackQuestion? Question, string? IgnoredBecause, IReadOnlyList<string> DedupeKeys)
{
    public static EventDecision Ignore(string reason) => new(null, reason, []);
}
