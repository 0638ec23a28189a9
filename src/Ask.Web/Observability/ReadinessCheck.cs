using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Web.Observability;

/// <summary>
/// Whether the service should get traffic (<c>/ready</c>): the index is loaded (startup ingest done, or failed
/// with an index from before still serving), the store answers, and the language model is reachable — or there
/// is none and answers are extractive.
/// <c>/ready</c> needs no key, so the outcome is cached for <see cref="ObservabilityOptions.ReadyCacheSeconds"/>
/// (probes in between share it, however many arrive) and its details name no path, address or error text.
/// </summary>
internal sealed partial class ReadinessCheck(IndexStatus status, IChunkIndex index, AnswerService answers, LlmReachability llm,
    IOptions<ObservabilityOptions> options, TimeProvider time, ILogger<ReadinessCheck> logger)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyDictionary<string, ReadinessItem> Checks, DateTimeOffset At)? _cached;

    public async Task<IReadOnlyDictionary<string, ReadinessItem>> CheckAsync(CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.ReadyCacheSeconds));
        if (Fresh(ttl) is { } cached) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(ttl) is { } again) return again;
            var checks = await RunAsync(cancellationToken);
            _cached = (checks, time.GetUtcNow());
            return checks;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IReadOnlyDictionary<string, ReadinessItem>? Fresh(TimeSpan ttl) =>
        _cached is { } c && time.GetUtcNow() - c.At < ttl ? c.Checks : null;

    private async Task<IReadOnlyDictionary<string, ReadinessItem>> RunAsync(CancellationToken cancellationToken)
    {
        var snapshot = status.Current;
        var (store, chunks) = await StoreAsync(cancellationToken);
        var indexItem = snapshot.State switch
        {
            IndexState.Ready => new ReadinessItem(true, "ready"),
            // The start-up ingest failing leaves the index it had loaded and serving (StartupIngest): traffic is
            // answered from it, so the service is ready — with a warning, since that index may be stale.
            IndexState.Failed when chunks > 0 => new ReadinessItem(true, $"startup ingest failed (see the log); serving the index it had, {chunks} chunks") { Warning = true },
            IndexState.Failed => new ReadinessItem(false, "startup ingest failed (see the log) and there is no index to serve"),
            IndexState.Ingesting => new ReadinessItem(false, "ingesting " + Endpoints.HealthEndpoints.SourceKind(snapshot.Source)),
            _ => new ReadinessItem(false, "starting"),
        };
        return new Dictionary<string, ReadinessItem>
        {
            ["index"] = indexItem,
            ["store"] = store,
            ["llm"] = answers.Mode == AnswerMode.Extractive ? new(true, "none: extractive answers") : await llm.CheckAsync(cancellationToken),
        };
    }

    /// <summary>The store's check, and how many chunks it holds (0 when it did not answer).</summary>
    private async Task<(ReadinessItem Item, long Chunks)> StoreAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(StoreTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var chunks = await index.CountAsync(timeout.Token);
            return (new(true, $"{index.Name}, {chunks} chunks"), chunks);
        }
        catch (AskException e)
        {
            LogStoreFailed(logger, e);
            return (new(false, $"{index.Name} did not answer (see the log)"), 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new(false, $"{index.Name} did not answer within {StoreTimeout.TotalSeconds:0} s"), 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the chunk store did not answer")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
