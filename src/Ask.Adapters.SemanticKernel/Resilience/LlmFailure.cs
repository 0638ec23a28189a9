using Ask.Answering.ChatModel;

namespace Ask.Adapters.SemanticKernel.Resilience;

/// <summary>Why one attempt at the LLM failed in a way that trying again may fix.</summary>
internal enum LlmFailure
{
    /// <summary>HTTP 429.</summary>
    RateLimited,
    /// <summary>HTTP 408 or 5xx.</summary>
    ServerError,
    /// <summary>No HTTP response at all (connection refused, reset, DNS).</summary>
    NoResponse,
    /// <summary>The attempt exceeded <see cref="LlmOptions.Timeout"/> (the HttpClient's timeout fired).</summary>
    Timeout,
}
