using Microsoft.Extensions.Options;

namespace Ask.Adapters.SemanticKernel;

/// <summary>
/// Checks <see cref="LlmOptions"/> up front, naming the key (and its environment variable) so bad
/// configuration stops the process at boot instead of failing the first question. The bounds mirror
/// what Polly's strategies accept.
/// </summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    private static readonly TimeSpan _shortest = TimeSpan.FromMilliseconds(10);

    /// <summary>The largest context window any model offers today, with room to spare; more is a typo.</summary>
    public const int MaxContextTokens = 10_485_760;

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Model))
            errors.Add("Llm:Model (ASK_LLM_MODEL) must name the chat model.");
        if (options.BaseUrl is { IsAbsoluteUri: false } || options.BaseUrl is { Scheme: not ("http" or "https") })
            errors.Add($"Llm:BaseUrl (ASK_LLM_BASE_URL) must be an absolute http(s) URL, not '{options.BaseUrl}'.");
        if (options.BaseUrl is null && string.IsNullOrWhiteSpace(options.ApiKey))
            errors.Add("Llm:ApiKey (ASK_LLM_API_KEY or OPENAI_API_KEY) is required for OpenAI's own endpoint; set Llm:BaseUrl for a local server.");
        if (options.Timeout < _shortest || options.Timeout > TimeSpan.FromDays(1))
            errors.Add($"Llm:Timeout must be between 10 ms and 1 day, not {options.Timeout}.");
        if (options.TotalBudget < options.Timeout || options.TotalBudget > TimeSpan.FromDays(1))
            errors.Add($"Llm:TotalBudget ({options.TotalBudget}) must be at least Llm:Timeout ({options.Timeout}) and at most 1 day.");
        if (options.MaxOutputTokens < 1)
            errors.Add("Llm:MaxOutputTokens must be positive.");
        if (options.ContextTokens is { } context && context <= options.MaxOutputTokens)
            errors.Add($"Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) ({context}) must be larger than Llm:MaxOutputTokens ({options.MaxOutputTokens}): the reply needs room too.");
        if (options.ContextTokens > MaxContextTokens)
            errors.Add($"Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be at most {MaxContextTokens} tokens, not {options.ContextTokens}.");
        if (options.RewriteMaxOutputTokens < 1)
            errors.Add("Llm:RewriteMaxOutputTokens must be positive.");
        if (options.Temperature is < 0 or > 2)
            errors.Add("Llm:Temperature must be between 0 and 2.");

        var retry = options.Retry;
        if (retry.MaxRetryAttempts is < 0 or > 10)
            errors.Add("Llm:Retry:MaxRetryAttempts must be between 0 and 10.");
        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
            errors.Add("Llm:Retry:BaseDelay must not be negative nor above Llm:Retry:MaxDelay.");
        if (retry.MaxRetryAfter < TimeSpan.Zero)
            errors.Add("Llm:Retry:MaxRetryAfter must not be negative.");

        var breaker = options.CircuitBreaker;
        if (breaker.Enabled)
        {
            if (breaker.FailureRatio is <= 0 or > 1)
                errors.Add("Llm:CircuitBreaker:FailureRatio must be above 0 and at most 1.");
            if (breaker.MinimumThroughput < 2)
                errors.Add("Llm:CircuitBreaker:MinimumThroughput must be at least 2.");
            if (breaker.SamplingDuration < TimeSpan.FromMilliseconds(500))
                errors.Add("Llm:CircuitBreaker:SamplingDuration must be at least 500 ms.");
            if (breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
                errors.Add("Llm:CircuitBreaker:BreakDuration must be at least 500 ms.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
