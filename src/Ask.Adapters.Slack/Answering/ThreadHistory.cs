using System.Text.Json;
using Ask.Adapters.Slack.Events;
using Ask.Adapters.Slack.WebApi;
using Ask.Core.Answering;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// A thread's earlier questions and the bot's answers, read back from Slack (<c>conversations.replies</c>),
/// so follow-ups keep their topic even after a restart — nothing about threads is kept in memory, where a restart would lose it.
/// </summary>
internal sealed class ThreadHistory(SlackWebApi slack)
{
    public async Task<IReadOnlyList<ConversationTurn>> ReadAsync(SlackQuestion question, CancellationToken cancellationToken)
    {
        if (!question.InThread || question.ThreadTs is null) return [];
        var messages = await slack.RepliesAsync(question.Channel, question.ThreadTs, cancellationToken);
        return Turns(messages, question.MessageTs);
    }

    /// <summary>Each person's message followed by a bot reply is one turn; the message being answered is not history.</summary>
    internal static IReadOnlyList<ConversationTurn> Turns(IReadOnlyList<JsonElement> messages, string? currentTs)
    {
        var turns = new List<ConversationTurn>();
        string? pending = null;
        foreach (var message in messages)
        {
            var ts = message.TryGetProperty("ts", out var t) ? t.GetString() : null;
            if (currentTs is not null && ts == currentTs) break;
            var text = message.TryGetProperty("text", out var x) ? x.GetString() ?? "" : "";
            if (message.TryGetProperty("bot_id", out _))
            {
                if (pending is not null) turns.Add(new ConversationTurn(pending, text));
                pending = null;
            }
            else
            {
                var asked = SlackText.Question(text);
                if (asked.Length > 0) pending = asked;
            }
        }
        return turns;
    }
}
