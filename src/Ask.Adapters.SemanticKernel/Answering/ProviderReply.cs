namespace Ask.Adapters.SemanticKernel.Answering;

/// <summary>One completed provider call: its end, its text, and a structured-outputs refusal if any.</summary>
internal sealed record ProviderReply(CompletionEnd End, string? Text, string? Refusal, string FinishReason);
