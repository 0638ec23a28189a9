using System.Text.Json;
using Ask.Adapters.Slack.Events;
using Ask.Adapters.Slack.WebApi;
using Ask.Core.Answering;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// A thread's earlier questions and the bot's answers, read back from Slack (<c>conversations.replies</c>),
/// so follow-ups keep their topic even after a restart — nothing about threads is kept in memory, where a restart would lose it.
/// </summary>
internal sealed class ThreadHistory(SlackWebApi slack, SlackIdentity identity)
{
    public async Task<IReadOnlyList<ConversationTurn>> ReadAsync(SlackQuestion question, CancellationToken cancellationToken)
    {
        if (!question.InThread || question.ThreadTs is null) return [];
        // Without knowing which bot is Ask, no reply can be taken for Ask's answer: no history then.
        if (await identity.BotIdAsync(cancellationToken) is not { } botId) return [];
        var messages = await slack.RepliesAsync(question.Channel, question.ThreadTs, cancellationToken);
        return Turns(messages, question.MessageTs, botId);
    }

    /// <summary>
    /// Each person's message followed by a reply of Ask's own bot (<paramref name="botId"/>) is one turn; other
    /// bots' messages are neither questions nor answers; the message being answered is not history. Turns
    /// are kept within the request limits (a question that is not a valid question is skipped, an answer cut).
    /// </summary>
    internal static IReadOnlyList<ConversationTurn> Turns(IReadOnlyList<JsonElement> messages, string? currentTs, string botId)
    {
        var turns = new List<ConversationTurn>();
        string? pending = null;
        foreach (var message in messages)
        {
            var ts = message.TryGetProperty("ts", out var t) ? t.GetString() : null;
            if (currentTs is not null && ts == currentTs) break;
            var text = message.TryGetProperty("text", out var x) ? x.GetString() ?? "" : "";
            if (message.TryGetProperty("bot_id", out var bot))
            {
                if (bot.ValueKind != JsonValueKind.String || bot.GetString() != botId) continue;
                if (pending is not null) turns.Add(new ConversationTurn(pending, Clean(text)));
                pending = null;
            }
            else
            {
                var asked = SlackText.Question(text);
                if (asked.Length > 0) pending = RequestLimits.Check("question", asked) is null ? asked : null;
            }
        }
        return turns.TakeLast(RequestLimits.MaxHistoryTurns).ToArray();
    }

    private static string Clean(string answer) =>
        RequestLimits.Cap(new string(answer.Where(c => !char.IsControl(c) || c is '\n' or '\t' or '\r').ToArray()), RequestLimits.MaxTurnAnswerChars);
}
