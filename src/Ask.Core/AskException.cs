namespace Ask.Core;

/// <summary>
/// A failure Ask reports to its user with a clear message. <see cref="IsTransient"/> says whether
/// trying again later may succeed (a server that is down) or not (bad configuration or input).
/// </summary>
public class AskException : Exception
{
    public AskException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    public bool IsTransient { get; }
}

/// <summary>A remote service (the language model, Qdrant) did not answer within its time budget. Hosts answer 504.</summary>
public sealed class AskTimeoutException(string message, Exception? innerException = null) : AskException(message, isTransient: true, innerException);

/// <summary>
/// A bounded queue is full, or a request waited its longest for a turn (the local model). Nothing was
/// spent on it: hosts answer 503 with <c>Retry-After</c> instead of falling back.
/// </summary>
public sealed class AskBusyException(string message, TimeSpan retryAfter) : AskException(message, isTransient: true)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
