using Ask.Answering.ChatModel;
using Microsoft.Extensions.AI;

namespace Ask.Adapters.LlamaSharp.Chat;

/// <summary>Exact prompt sizes from the model's own tokenizer and chat template, so fitting the context wastes nothing.</summary>
internal sealed class LlamaPromptTokenCounter(LlamaChatClient client) : IPromptTokenCounter
{
    public int Count(IReadOnlyList<ChatMessage> messages) => client.CountPromptTokens(messages);
}
