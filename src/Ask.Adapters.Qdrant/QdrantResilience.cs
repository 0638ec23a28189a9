using Grpc.Core;
using Polly;
using Polly.Retry;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// The retry pipelines of the adapter. Writes retry every transient code (they are idempotent). Reads
/// retry only <c>Unavailable</c> (a dropped connection): a search past its deadline is reported at once,
/// so a slow server costs the user one deadline, not several.
/// </summary>
internal static class QdrantResilience
{
    public static ResiliencePipeline Writes(QdrantRetryOptions options, TimeProvider time) =>
        Build(options, time, QdrantErrors.IsTransient);

    public static ResiliencePipeline Reads(QdrantRetryOptions options, TimeProvider time) =>
        Build(options, time, e => e.StatusCode == StatusCode.Unavailable);

    private static ResiliencePipeline Build(QdrantRetryOptions options, TimeProvider time, Func<RpcException, bool> retry)
    {
        if (options.MaxRetryAttempts == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(retry),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
    }
}
