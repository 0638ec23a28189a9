using Microsoft.Extensions.Options;

namespace Ask.Adapters.LlamaSharp;

/// <summary>
/// Checks <see cref="LocalLlmOptions"/> at boot, naming each key and its environment variable. Whether the
/// file really is a model llama.cpp can run is found by loading it (<see cref="LocalModelStartupCheck"/>).
/// </summary>
internal sealed class LocalLlmOptionsValidator : IValidateOptions<LocalLlmOptions>
{
    /// <summary>Smallest context that leaves room for the rules, a question, one source and a reply.</summary>
    public const int MinContextTokens = 512;

    public ValidateOptionsResult Validate(string? name, LocalLlmOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
            errors.Add("Llm:ModelPath (ASK_LLM_MODEL_PATH) must name a GGUF model file when Llm:Provider (ASK_LLM_PROVIDER) is 'local'.");
        else if (!File.Exists(options.ModelPath))
            errors.Add($"Llm:ModelPath (ASK_LLM_MODEL_PATH): no file at '{options.ModelPath}'.");
        if (options.ContextTokens is < MinContextTokens or > 1_048_576)
            errors.Add($"Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be between {MinContextTokens} and 1048576 tokens for the local model, not {options.ContextTokens}.");
        if (options.Threads is < 1 or > 1024)
            errors.Add($"Llm:Threads (ASK_LLM_THREADS) must be between 1 and 1024, not {options.Threads}.");
        if (options.MaxOutputTokens < 16 || options.MaxOutputTokens > options.ContextTokens / 2)
            errors.Add($"Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be between 16 and half of Llm:ContextTokens ({options.ContextTokens / 2}), not {options.MaxOutputTokens}.");
        if (options.RewriteMaxOutputTokens < 1 || options.RewriteMaxOutputTokens > options.ContextTokens / 2)
            errors.Add($"Llm:RewriteMaxOutputTokens must be between 1 and half of Llm:ContextTokens, not {options.RewriteMaxOutputTokens}.");
        if (options.MaxConcurrency is < 1 or > 64)
            errors.Add($"Llm:MaxConcurrency (ASK_LLM_MAX_CONCURRENCY) must be between 1 and 64, not {options.MaxConcurrency}.");
        if (options.MaxQueue is < 0 or > 10_000)
            errors.Add($"Llm:MaxQueue must be between 0 and 10000, not {options.MaxQueue}.");
        if (options.QueueTimeout <= TimeSpan.Zero)
            errors.Add($"Llm:QueueTimeout must be positive, not {options.QueueTimeout}.");
        if (options.Temperature is < 0 or > 2 || double.IsNaN(options.Temperature))
            errors.Add($"Llm:Temperature must be between 0 and 2, not {options.Temperature}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
