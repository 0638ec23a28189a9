using Ask.Adapters.Slack.Rendering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Drains the answer queue with a fixed number of concurrent answerers. A worker survives whatever one
/// question throws: the failure is logged and the asker told (with the request id), and the loop goes on.
/// </summary>
internal sealed partial class SlackAnswerWorker(AnswerQueue queue, QuestionAnswerer answerer, SlackNotices notices, SlackOptions options,
    ILogger<SlackAnswerWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var question in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await answerer.AnswerAsync(question, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogWorkerCaught(logger, e, question.RequestId);
                    await notices.SendAsync(question, BlockKitRenderer.Error(question.RequestId));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack request {RequestId} failed outside the answer; the worker goes on")]
    private static partial void LogWorkerCaught(ILogger logger, Exception exception, string requestId);
}
