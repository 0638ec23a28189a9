namespace Ask.Answering.ChatModel;

/// <summary>Retries of a failed LLM call: 429, 408, 5xx, no response, and attempt timeouts.</summary>
public sealed class LlmRetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off. Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay, doubled per retry with jitter, unless the server says how long to wait. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest computed back-off delay. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Longest server-requested wait (<c>Retry-After</c>, <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>)
    /// that is honoured; a server asking for longer is not retried at all. Default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
