namespace Ask.Adapters.LlamaSharp.Chat;

/// <param name="Prompt">The whole prompt, chat template applied.</param>
/// <param name="Grammar">GBNF every sampled token must keep the reply within; null samples freely.</param>
/// <param name="Temperature">0 picks the likeliest allowed token.</param>
internal sealed record GenerationRequest(string Prompt, string? Grammar, int MaxTokens, float Temperature, uint Seed);
