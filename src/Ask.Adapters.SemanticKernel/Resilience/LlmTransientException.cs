namespace Ask.Adapters.SemanticKernel.Resilience;

/// <summary>
/// One failed attempt that the retry and circuit-breaker strategies handle. It never leaves the adapter:
/// once retries are exhausted it becomes a transient <see cref="Ask.Core.AskException"/>.
/// </summary>
/// <param name="RetryAfter">How long the server asked us to wait, if it said.</param>
internal sealed class LlmTransientException(LlmFailure failure, string detail, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(detail, innerException)
{
    public LlmFailure Failure { get; } = failure;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
