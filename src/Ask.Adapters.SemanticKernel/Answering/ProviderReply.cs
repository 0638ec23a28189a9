namespace Ask.Adapters.SemanticKernel.Answering;

/// <summary>One completed provider call: its end, its text, and a structured-outputs refusal if any.</summary>
/// <param name="PromptTokens">The provider's count of prompt tokens read (<c>usage.prompt_tokens</c>), when it reports one.</param>
internal sealed record ProviderReply(CompletionEnd End, string? Text, string? Refusal, string FinishReason, int? PromptTokens = null);
