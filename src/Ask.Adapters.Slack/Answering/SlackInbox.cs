using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Events;
using Ask.Adapters.Slack.Feedback;
using Ask.Adapters.Slack.Rendering;
using Ask.Adapters.Slack.WebApi;
using Ask.Core.Answering;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Everything that arrives from Slack, over HTTP or Socket Mode, goes through here. Nothing in it waits on
/// the answer: it decides, deduplicates, rate-limits and queues, so the acknowledgement leaves in
/// milliseconds, well inside Slack's three seconds: a later one makes Slack redeliver the event and shows a slash
/// command's user a timeout (see docs/failure-modes.md#30-a-slow-acknowledgement-repeated-answers).
/// </summary>
internal sealed partial class SlackInbox(AnswerQueue queue, AskerRateLimits limits, EventClaims claims, SlackNotices notices, FeedbackStore feedback,
    SlackWebApi slack, ILogger<SlackInbox> logger)
{
    public const string BusyText = ":hourglass: I'm answering a lot of questions right now — please ask again in a minute.";
    public const string HelpText = "Ask me about anything said on the DataTalks.Club podcast, e.g. _what did guests say about vendor lock-in?_ — I answer with links to the moments in the episodes. Add _podcast:ID_ to ask one podcast only.";

    /// <summary>An <c>event_callback</c>; <paramref name="retry"/> is Slack's retry number and reason, when it says this is a redelivery.</summary>
    public InboxOutcome AcceptEvent(JsonElement payload, string? retry)
    {
        var decision = SlackEventReader.Read(payload, NewRequestId);
        if (decision.Question is not { } question)
        {
            LogIgnored(logger, decision.IgnoredBecause ?? "");
            return InboxOutcome.Ignored;
        }
        if (!claims.TryClaim(decision.DedupeKeys))
        {
            LogDuplicate(logger, decision.DedupeKeys[0], retry ?? "none");
            return InboxOutcome.Duplicate;
        }
        if (question.Text.Length == 0)
        {
            notices.Send(question, HelpText);
            return InboxOutcome.Help;
        }
        return Enqueue(question, text => notices.Send(question, text));
    }

    /// <summary>A slash command's form fields; returns the immediate reply Slack shows while the answer is worked on.</summary>
    public JsonObject AcceptCommand(IReadOnlyDictionary<string, string> form)
    {
        var text = SlackText.Question(form.GetValueOrDefault("text"));
        var command = form.GetValueOrDefault("command") ?? "/ask";
        // A signed body can be replayed within Slack's five-minute window; trigger_id is unique per invocation.
        if (form.GetValueOrDefault("trigger_id") is { Length: > 0 } trigger && !claims.TryClaim(["trigger:" + trigger]))
        {
            LogDuplicate(logger, "trigger:" + trigger, "replayed slash command");
            return Reply("ephemeral", "That command was already received; its answer is on the way.");
        }
        if (text.Length == 0)
            return Reply("ephemeral", $"Usage: `{Mrkdwn.Escape(command)} QUESTION` — {HelpText}");
        var question = new SlackQuestion(NewRequestId(), QuestionSource.Command, text, form.GetValueOrDefault("channel_id") ?? "",
            form.GetValueOrDefault("user_id") ?? "", null, ResponseUrl: form.GetValueOrDefault("response_url"));
        string? refusal = null;
        var outcome = Enqueue(question, text => refusal = text);
        return outcome == InboxOutcome.Queued
            ? Reply("in_channel", $":mag: Looking… _{Mrkdwn.Escape(Mrkdwn.Truncate(text, 500))}_")
            : Reply("ephemeral", refusal!);
    }

    /// <summary>A <c>block_actions</c> payload: a feedback button was clicked.</summary>
    public async Task AcceptInteractionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array) return;
        var user = payload.TryGetProperty("user", out var u) && u.TryGetProperty("id", out var id) ? id.GetString() : null;
        foreach (var action in actions.EnumerateArray())
        {
            var name = action.TryGetProperty("action_id", out var a) ? a.GetString() : null;
            Vote? vote = name switch
            {
                BlockKitRenderer.HelpfulAction => Vote.Helpful,
                BlockKitRenderer.NotHelpfulAction => Vote.NotHelpful,
                _ => null,
            };
            var answerId = action.TryGetProperty("value", out var v) ? v.GetString() : null;
            if (vote is null || user is null || string.IsNullOrEmpty(answerId)) continue;
            bool stored;
            try
            {
                stored = await feedback.RecordVoteAsync(answerId, user, vote.Value, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Best-effort: the click is acknowledged whatever the database does; the next vote tries again.
                LogVoteFailed(logger, e);
                continue;
            }
            LogVote(logger, vote.Value, stored);
            if (stored && VotedMessage(payload) is { } voted) _ = ShowTallyAsync(voted, answerId);
        }
    }

    /// <summary>Where the voted message is and what it holds, read now: the payload's document is not ours to keep.</summary>
    private static (string Channel, string Ts, string Text, JsonArray Blocks)? VotedMessage(JsonElement payload)
    {
        if (!payload.TryGetProperty("container", out var container) || !payload.TryGetProperty("message", out var message)) return null;
        var channel = container.TryGetProperty("channel_id", out var c) ? c.GetString() : null;
        var ts = container.TryGetProperty("message_ts", out var t) ? t.GetString() : null;
        if (channel is null || ts is null || !message.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array) return null;
        var text = message.TryGetProperty("text", out var x) ? x.GetString() ?? "" : "";
        return (channel, ts, text, JsonNode.Parse(blocks.GetRawText())!.AsArray());
    }

    /// <summary>Updates the voted message with the tally, in the background: the click is acknowledged first.</summary>
    private async Task ShowTallyAsync((string Channel, string Ts, string Text, JsonArray Blocks) voted, string answerId)
    {
        try
        {
            await Task.Yield();
            var (helpful, notHelpful) = await feedback.TallyAsync(answerId, CancellationToken.None);
            var updated = BlockKitRenderer.WithTally(voted.Text, voted.Blocks, helpful, notHelpful);
            await slack.UpdateMessageAsync(updated, voted.Channel, voted.Ts, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogTallyNotShown(logger, e is SlackApiException ? e.Message : e.GetType().Name);
        }
    }

    private InboxOutcome Enqueue(SlackQuestion question, Action<string> tell)
    {
        // The same checks as the web API: length, control characters.
        if (RequestLimits.Check("question", question.Text) is { } invalid)
        {
            LogInvalid(logger, question.RequestId, invalid);
            tell(":warning: " + Mrkdwn.Escape(invalid));
            return InboxOutcome.Invalid;
        }
        if (limits.Check(question) is { } limited)
        {
            LogRateLimited(logger, question.RequestId);
            tell(limited);
            return InboxOutcome.RateLimited;
        }
        if (!queue.TryEnqueue(question))
        {
            LogQueueFull(logger, question.RequestId);
            tell(BusyText);
            return InboxOutcome.QueueFull;
        }
        LogQueued(logger, question.RequestId, question.Source);
        return InboxOutcome.Queued;
    }

    private static JsonObject Reply(string type, string text) => new() { ["response_type"] = type, ["text"] = text };

    private static string NewRequestId() => "sl-" + Guid.NewGuid().ToString("N")[..12];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {Key} already answered; duplicate ignored (retry: {Retry})")]
    private static partial void LogDuplicate(ILogger logger, string key, string retry);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {RequestId} ({Source}) queued")]
    private static partial void LogQueued(ILogger logger, string requestId, QuestionSource source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request {RequestId} turned away: asker over the rate limit")]
    private static partial void LogRateLimited(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {RequestId} turned away: {Reason}")]
    private static partial void LogInvalid(ILogger logger, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request {RequestId} turned away: answer queue full")]
    private static partial void LogQueueFull(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback tally could not be shown: {Error}")]
    private static partial void LogTallyNotShown(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack feedback could not be stored")]
    private static partial void LogVoteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack feedback {Vote} (stored: {Stored})")]
    private static partial void LogVote(ILogger logger, Vote vote, bool stored);
}
