namespace Ask.Answering.ChatModel;

/// <summary>
/// What the answer model needs to know of the provider behind its <see cref="Microsoft.Extensions.AI.IChatClient"/>.
/// Each provider's <c>Add…</c> builds it from its own options, so the same keys mean the same thing for every provider.
/// </summary>
/// <param name="Provider">For names and logs: <c>openai</c>, <c>ollama</c>, <c>local</c>, ...</param>
/// <param name="Model">The model's name (or its file's name).</param>
/// <param name="ContextTokens">
/// The model's context window in tokens (<c>Llm:ContextTokens</c>): the lowest-ranked sources are left out until the
/// prompt and the reply fit. Null: no limit is assumed.
/// </param>
/// <param name="Temperature">Null leaves it to the provider.</param>
/// <param name="Seed">Null sends none.</param>
/// <param name="BoundedSchema">
/// The provider enforces every JSON Schema keyword (a grammar), so the answer schema carries length limits;
/// strict structured outputs reject them, so only such a provider gets them.
/// </param>
public sealed record ChatAnswerSettings(
    string Provider,
    string Model,
    int? ContextTokens,
    int MaxOutputTokens,
    int RewriteMaxOutputTokens,
    double? Temperature,
    long? Seed,
    bool BoundedSchema = false)
{
    /// <summary>Provider and model, as answers record it: <c>ollama:qwen2.5:7b</c>.</summary>
    public string Name => $"{Provider}:{Model}";
}
