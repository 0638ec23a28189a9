using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Observability;

/// <summary>
/// Whether the service should get traffic (<c>/ready</c>): the index is loaded (startup ingest done), the
/// store answers, and the language model is reachable — or there is none and answers are extractive.
/// </summary>
internal sealed class ReadinessCheck(IndexStatus status, IChunkIndex index, AnswerService answers, LlmReachability llm)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyDictionary<string, ReadinessItem>> CheckAsync(CancellationToken cancellationToken)
    {
        var snapshot = status.Current;
        var indexItem = snapshot.State switch
        {
            IndexState.Ready => new ReadinessItem(true, "ready"),
            IndexState.Failed => new ReadinessItem(false, "startup ingest failed: " + snapshot.Error),
            IndexState.Ingesting => new ReadinessItem(false, "ingesting " + snapshot.Source),
            _ => new ReadinessItem(false, "starting"),
        };
        return new Dictionary<string, ReadinessItem>
        {
            ["index"] = indexItem,
            ["store"] = await StoreAsync(cancellationToken),
            ["llm"] = answers.Mode == AnswerMode.Extractive ? new(true, "none: extractive answers") : await llm.CheckAsync(cancellationToken),
        };
    }

    private async Task<ReadinessItem> StoreAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreTimeout);
        try
        {
            return new(true, $"{index.Name}, {await index.CountAsync(timeout.Token)} chunks");
        }
        catch (AskException e)
        {
            return new(false, $"{index.Name}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"{index.Name} did not answer within {StoreTimeout.TotalSeconds:0} s");
        }
    }
}
