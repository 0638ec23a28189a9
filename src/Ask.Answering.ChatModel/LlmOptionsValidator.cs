using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Answering.ChatModel;

/// <summary>
/// Checks <see cref="LlmOptions"/> at start, naming the key (and its environment variable), the rule and the value,
/// so bad configuration stops the process at boot instead of failing the first question. The shared keys are checked
/// against what the chosen provider accepts; each provider's own keys only when it is chosen. The endpoint's bounds
/// mirror what Polly's strategies accept; whether the local model's file really is a model llama.cpp can run is found
/// by loading it, at start too.
/// </summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    /// <summary>The largest context window any model offers today, with room to spare; more is a typo.</summary>
    public const int MaxContextTokens = 10_485_760;

    /// <summary>Smallest local context that leaves room for the rules, a question, one source and a reply.</summary>
    public const int MinLocalContextTokens = 512;

    /// <summary>Largest context the local model may allocate.</summary>
    public const int MaxLocalContextTokens = 1_048_576;

    private const string ContextKey = "ContextTokens (ASK_LLM_CONTEXT_TOKENS)";
    private const string MaxOutputKey = "MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS)";
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan ShortestBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = new OptionErrors(LlmOptions.Section);
        if (options.Temperature is { } temperature) errors.Between(nameof(options.Temperature), temperature, 0, 2);
        if (options.IsLocal) Local(options, errors);
        else Endpoint(options, errors);
        return errors.Result;
    }

    private static void Endpoint(LlmOptions o, OptionErrors errors)
    {
        // Any provider name but "local" labels an endpoint; without a model it would serve extractive answers as if
        // no model had been asked for, which would hide a misspelt "local".
        var when = string.IsNullOrWhiteSpace(o.Provider) ? ""
            : $" when {LlmOptions.Section}:Provider (ASK_LLM_PROVIDER) is '{o.Provider}' — '{LlmOptions.LocalProvider}' runs a GGUF model inside Ask ({LlmOptions.Section}:ModelPath); any other name labels an OpenAI-compatible endpoint, which needs a model";
        errors.Require(!string.IsNullOrWhiteSpace(o.Model), "Model (ASK_LLM_MODEL)", "must name the chat model" + when, "unset");
        errors.Require(o.BaseUrl is null or { IsAbsoluteUri: true, Scheme: "http" or "https" }, "BaseUrl (ASK_LLM_BASE_URL)",
            "must be an absolute http(s) URL", $"'{o.BaseUrl}'");
        errors.Require(o.BaseUrl is not null || !string.IsNullOrWhiteSpace(o.ApiKey), "ApiKey (ASK_LLM_API_KEY or OPENAI_API_KEY)",
            "is required for OpenAI's own endpoint; set Llm:BaseUrl (ASK_LLM_BASE_URL) for another server", "unset");
        errors.Between(nameof(o.Timeout), o.Timeout, Shortest, Day);
        errors.Require(o.TotalBudget >= o.Timeout && o.TotalBudget <= Day, nameof(o.TotalBudget),
            $"must be at least {LlmOptions.Section}:Timeout ({o.Timeout}) and at most 1 day", o.TotalBudget.ToString());
        errors.AtLeast(MaxOutputKey, o.MaxOutputTokens, 1);
        if (o.ContextTokens is { } context)
            errors.Require(context > o.MaxOutputTokens, ContextKey, $"must be larger than {LlmOptions.Section}:MaxOutputTokens ({o.MaxOutputTokens}): the reply needs room too", Show(context))
                .Require(context <= MaxContextTokens, ContextKey, $"must be at most {MaxContextTokens}", Show(context));
        errors.AtLeast(nameof(o.RewriteMaxOutputTokens), o.RewriteMaxOutputTokens, 1);

        var retry = o.Retry;
        errors.Between("Retry:MaxRetryAttempts", retry.MaxRetryAttempts, 0, 10);
        errors.Between("Retry:BaseDelay", retry.BaseDelay, TimeSpan.Zero, retry.MaxDelay);
        errors.Require(retry.MaxRetryAfter >= TimeSpan.Zero, "Retry:MaxRetryAfter", "must not be negative", retry.MaxRetryAfter.ToString());

        var breaker = o.CircuitBreaker;
        if (!breaker.Enabled) return;
        errors.Require(breaker.FailureRatio is > 0 and <= 1, "CircuitBreaker:FailureRatio", "must be above 0 and at most 1", Show(breaker.FailureRatio));
        errors.AtLeast("CircuitBreaker:MinimumThroughput", breaker.MinimumThroughput, 2);
        errors.Require(breaker.SamplingDuration >= ShortestBreakerWindow, "CircuitBreaker:SamplingDuration", "must be at least 500 ms", breaker.SamplingDuration.ToString());
        errors.Require(breaker.BreakDuration >= ShortestBreakerWindow, "CircuitBreaker:BreakDuration", "must be at least 500 ms", breaker.BreakDuration.ToString());
    }

    private static void Local(LlmOptions o, OptionErrors errors)
    {
        if (string.IsNullOrWhiteSpace(o.ModelPath))
            errors.Require(false, "ModelPath (ASK_LLM_MODEL_PATH)", $"must name a GGUF model file when {LlmOptions.Section}:Provider (ASK_LLM_PROVIDER) is '{LlmOptions.LocalProvider}'", "unset");
        else errors.Require(File.Exists(o.ModelPath), "ModelPath (ASK_LLM_MODEL_PATH)", "must name an existing file", $"'{o.ModelPath}'");
        var context = o.ContextTokens ?? LlmOptions.LocalDefaultContextTokens;
        errors.Between(ContextKey, context, MinLocalContextTokens, MaxLocalContextTokens);
        // Half the window at most: the prompt needs the rest.
        errors.Between(MaxOutputKey, o.MaxOutputTokens, 16, context / 2);
        errors.Between(nameof(o.RewriteMaxOutputTokens), o.RewriteMaxOutputTokens, 1, context / 2);
        if (o.Threads is { } threads) errors.Between("Threads (ASK_LLM_THREADS)", threads, 1, 1024);
        errors.Between("MaxConcurrency (ASK_LLM_MAX_CONCURRENCY)", o.MaxConcurrency, 1, 64);
        errors.Between(nameof(o.MaxQueue), o.MaxQueue, 0, 10_000);
        errors.Between(nameof(o.QueueTimeout), o.QueueTimeout, TimeSpan.FromMilliseconds(1), Day);
        if (o.Seed is { } seed) errors.Between(nameof(o.Seed), seed, 0, uint.MaxValue);
    }

    private static string Show(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
