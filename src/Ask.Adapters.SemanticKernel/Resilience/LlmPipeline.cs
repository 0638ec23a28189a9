using Ask.Answering.ChatModel;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ask.Adapters.SemanticKernel.Resilience;

/// <summary>
/// The named resilience pipeline around every LLM call, ordered like the standard HTTP pipeline of
/// dotnet/extensions: total budget → retry → circuit breaker → attempt timeout. The SDK's own retries
/// are off, so these are the only ones: two layers of retries multiply attempts.
/// </summary>
public static class LlmPipeline
{
    /// <summary>Key of the pipeline in Polly's registry.</summary>
    public const string Name = "Ask.Llm";

    /// <summary>Set on the context when the total budget (not one attempt) ran out.</summary>
    internal static readonly ResiliencePropertyKey<bool> BudgetExceeded = new("Ask.Llm.BudgetExceeded");

    internal static ResiliencePipelineBuilder Configure(ResiliencePipelineBuilder builder, LlmOptions options, ILogger logger)
    {
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "llm-total-budget",
            Timeout = options.TotalBudget,
            OnTimeout = args =>
            {
                args.Context.Properties.Set(BudgetExceeded, true);
                return default;
            },
        });

        var retry = options.Retry;
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "llm-retry",
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                // A server asking for a longer wait than we accept is not retried: hammering it early is
                // what a 429 warns against, and the caller's fallback is better than a long silent wait.
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, retry.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is LlmTransientException { RetryAfter: { } hint } ? hint : (TimeSpan?)null),
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.AttemptNumber + 1, retry.MaxRetryAttempts + 1, Describe(args.Outcome.Exception), args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        var breaker = options.CircuitBreaker;
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "llm-circuit-breaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome.Exception));
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "llm-attempt-timeout", Timeout = options.Timeout });
        return builder;
    }

    internal static bool ShouldRetry(Exception? exception, TimeSpan maxRetryAfter) => exception switch
    {
        LlmTransientException { RetryAfter: { } wait } => wait <= maxRetryAfter,
        _ => IsTransient(exception),
    };

    internal static bool IsTransient(Exception? exception) => exception is LlmTransientException or TimeoutRejectedException;

    internal static string Describe(Exception? exception) => exception switch
    {
        LlmTransientException e => e.Message,
        TimeoutRejectedException e => $"no reply within {e.Timeout.TotalSeconds:0.###} s",
        null => "no exception",
        _ => exception.GetType().Name,
    };
}
