using Ask.Core;
using Grpc.Core;
using Polly;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Runs every Qdrant call through the right retry pipeline and turns failures into <see cref="AskException"/>s.
/// A caller's cancellation stays an <see cref="OperationCanceledException"/>, never a Qdrant error.
/// </summary>
internal sealed class QdrantCalls(QdrantOptions options, TimeProvider time)
{
    private readonly ResiliencePipeline _writes = QdrantResilience.Writes(options.Retry, time);
    private readonly ResiliencePipeline _reads = QdrantResilience.Reads(options.Retry, time);

    public Task<T> ReadAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(_reads, operation, call, cancellationToken);

    /// <summary>A read of the served collection; <paramref name="ifMissing"/> when it does not exist yet.</summary>
    public Task<T> ReadOrDefaultAsync<T>(string operation, Func<CancellationToken, Task<T>> call, T ifMissing, CancellationToken cancellationToken) =>
        RunAsync(_reads, operation, async token =>
        {
            try
            {
                return await call(token);
            }
            catch (RpcException e) when (QdrantErrors.IsNotFound(e))
            {
                return ifMissing;
            }
        }, cancellationToken);

    public Task<T> WriteAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(_writes, operation, call, cancellationToken);

    /// <summary>A point write; fails unless Qdrant reports it applied (every write is sent with <c>wait=true</c>).</summary>
    public Task WritePointsAsync(string operation, Func<CancellationToken, Task<UpdateResult>> call, CancellationToken cancellationToken) =>
        WritePointsAsync(operation, call, missingCollectionIsNoop: false, cancellationToken);

    /// <param name="missingCollectionIsNoop">True for deletes: with no collection there is nothing to delete.</param>
    public async Task WritePointsAsync(string operation, Func<CancellationToken, Task<UpdateResult>> call, bool missingCollectionIsNoop, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(operation, async token =>
        {
            try
            {
                return await call(token);
            }
            catch (RpcException e) when (missingCollectionIsNoop && QdrantErrors.IsNotFound(e))
            {
                return new UpdateResult { Status = UpdateStatus.Completed };
            }
        }, cancellationToken);
        // With wait=true Qdrant answers only once the write is applied; "acknowledged" means it was queued,
        // and a read in the next statement might not see it (or it may still fail).
        if (result.Status != UpdateStatus.Completed)
            throw new AskException($"Qdrant answered {operation} with status {result.Status} instead of Completed; the write is not confirmed.", isTransient: true);
    }

    private async Task<T> RunAsync<T>(ResiliencePipeline pipeline, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException e)
        {
            throw QdrantErrors.Translate(e, operation, options);
        }
        catch (QdrantException e)
        {
            throw new AskException($"Qdrant failed {operation}: {e.Message}", isTransient: false, e);
        }
    }
}
