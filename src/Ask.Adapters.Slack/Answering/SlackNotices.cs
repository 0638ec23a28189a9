using Ask.Adapters.Slack.Rendering;
using Ask.Adapters.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Short replies that must not hold up the acknowledgement ("please retry", help): sent in the
/// background, and a failure to send is logged — the one place a user could otherwise be left unanswered.
/// </summary>
internal sealed partial class SlackNotices(SlackWebApi slack, ILogger<SlackNotices> logger)
{
    public void Send(SlackQuestion question, string mrkdwn) => _ = SendAsync(question, SlackMessage.Plain(mrkdwn));

    public async Task SendAsync(SlackQuestion question, SlackMessage message)
    {
        try
        {
            await Task.Yield();
            await DeliverAsync(question, message, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogNotSent(logger, question.RequestId, e is SlackApiException ? e.Message : e.GetType().Name);
        }
    }

    /// <summary>Slash commands answer through their <c>response_url</c>, falling back to the channel when it has expired (it is short-lived and takes few posts).</summary>
    public async Task DeliverAsync(SlackQuestion question, SlackMessage message, CancellationToken cancellationToken)
    {
        if (question.ResponseUrl is { } url && await slack.RespondAsync(url, message, cancellationToken)) return;
        if (question.ResponseUrl is not null) LogResponseUrlExpired(logger, question.RequestId);
        await slack.PostMessageAsync(message, question.Channel, question.Source == QuestionSource.Command ? null : question.ThreadTs, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell the asker of request {RequestId}: {Error}")]
    private static partial void LogNotSent(ILogger logger, string requestId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "response_url of request {RequestId} has expired; posting in the channel instead")]
    private static partial void LogResponseUrlExpired(ILogger logger, string requestId);
}
