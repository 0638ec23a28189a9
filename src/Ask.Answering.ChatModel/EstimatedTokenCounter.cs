using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel;

/// <summary>The count for a provider whose tokenizer is out of reach (a remote server).</summary>
internal sealed class EstimatedTokenCounter : IPromptTokenCounter
{
    public int Count(IReadOnlyList<ChatMessage> messages) => PromptBudget.Estimate(messages);
}
