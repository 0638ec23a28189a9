using Microsoft.Extensions.Hosting;

namespace Ask.Adapters.Slack.Answering;

/// <summary>Drains the answer queue with a fixed number of concurrent answerers.</summary>
internal sealed class SlackAnswerWorker(AnswerQueue queue, QuestionAnswerer answerer, SlackOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var question in queue.ReadAllAsync(stoppingToken))
                await answerer.AnswerAsync(question, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
