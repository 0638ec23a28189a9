using Ask.Adapters.Slack.Feedback;
using Ask.Adapters.Slack.Rendering;
using Ask.Adapters.Slack.WebApi;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>Answers one queued question with the real <see cref="AnswerService"/> and posts the result where it was asked.</summary>
internal sealed partial class QuestionAnswerer(AnswerService answers, ThreadHistory history, FeedbackStore feedback, SlackNotices notices,
    TimeProvider time, ILogger<QuestionAnswerer> logger)
{
    public async Task AnswerAsync(SlackQuestion question, CancellationToken cancellationToken)
    {
        SlackMessage message;
        try
        {
            var (text, filter) = QuestionOptions.Read(question.Text);
            var turns = await history.ReadAsync(question, cancellationToken);
            var result = await answers.AskAsync(new ChatRequest(text, History: turns, Filter: filter), cancellationToken);
            var answerId = Guid.NewGuid().ToString("N");
            // Best-effort: a feedback database hiccup must not cost the asker the answer. An answer not saved
            // now is kept (bounded) and saved again when someone votes on it.
            await feedback.TrySaveAnswerAsync(new AnswerRecord(answerId, question.RequestId, time.GetUtcNow(), result.StandaloneQuestion,
                result.Answer.Text, result.Answer.Status.ToString(), result.Answer.Citations), cancellationToken);
            message = BlockKitRenderer.Answer(result.Answer, answerId, question.RequestId);
            LogAnswered(logger, question.RequestId, result.Answer.Status, result.Answer.Citations.Count, turns.Count);
        }
        catch (AskRequestException e)
        {
            message = BlockKitRenderer.Problem(e.Message, question.RequestId);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever failed, the asker gets a message with the request id instead of silence.
            LogFailed(logger, e, question.RequestId);
            message = BlockKitRenderer.Error(question.RequestId);
        }

        try
        {
            await notices.DeliverAsync(question, message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotPosted(logger, question.RequestId, e is SlackApiException ? e.Message : e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request {RequestId} answered: {Status}, {Citations} citation(s), {Turns} earlier turn(s)")]
    private static partial void LogAnswered(ILogger logger, string requestId, AnswerStatus status, int citations, int turns);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack request {RequestId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answer to Slack request {RequestId} could not be posted: {Error}")]
    private static partial void LogNotPosted(ILogger logger, string requestId, string error);
}
