using Ask.Answering.ChatModel;

namespace Ask.Adapters.LlamaSharp;

/// <summary>
/// The <c>Llm</c> section as the model inside the process reads it: the shared keys with this provider's defaults
/// filled in, and its own keys. Built once from checked <see cref="LlmOptions"/>.
/// </summary>
/// <param name="Threads">CPU threads per request: <see cref="LlmOptions.Threads"/> or one per core.</param>
internal sealed record LocalModelSettings(
    string ModelPath,
    int ContextTokens,
    int Threads,
    int MaxOutputTokens,
    int RewriteMaxOutputTokens,
    int MaxConcurrency,
    int MaxQueue,
    TimeSpan QueueTimeout,
    double Temperature,
    uint Seed)
{
    /// <summary>The seed when <see cref="LlmOptions.Seed"/> is null: the local model always samples with one, so reruns repeat.</summary>
    private const uint DefaultSeed = 42;

    public static LocalModelSettings From(LlmOptions options) => new(
        options.ModelPath,
        options.ContextTokens ?? LlmOptions.LocalDefaultContextTokens,
        options.Threads ?? Environment.ProcessorCount,
        options.MaxOutputTokens,
        options.RewriteMaxOutputTokens,
        options.MaxConcurrency,
        options.MaxQueue,
        options.QueueTimeout,
        options.Temperature ?? 0,
        // The validator keeps a set seed within uint.
        options.Seed is { } seed ? (uint)seed : DefaultSeed);

    /// <summary>
    /// What the shared answer model needs. The grammar enforces every schema keyword, so the answer schema may carry
    /// length limits.
    /// </summary>
    public ChatAnswerSettings ToAnswerSettings() =>
        new(LlmOptions.LocalProvider, Path.GetFileName(ModelPath), ContextTokens, MaxOutputTokens, RewriteMaxOutputTokens, Temperature, Seed, BoundedSchema: true);
}
