namespace Ask.Adapters.Qdrant;

/// <summary>
/// Retries of writes that failed for a transient reason (<c>Unavailable</c>, <c>DeadlineExceeded</c>,
/// <c>ResourceExhausted</c>, <c>Aborted</c>); never for invalid requests. Writes are idempotent (fixed
/// point ids, delete by filter), so repeating one is safe.
/// </summary>
public sealed class QdrantRetryOptions
{
    /// <summary>Retries after the first attempt. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off; later ones grow exponentially with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest back-off. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
