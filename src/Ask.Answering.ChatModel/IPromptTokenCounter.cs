using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel;

/// <summary>
/// How many tokens a prompt takes for the model that reads it. A provider with the model's tokenizer at hand
/// counts exactly; the others get <see cref="PromptBudget"/>'s estimate.
/// </summary>
public interface IPromptTokenCounter
{
    int Count(IReadOnlyList<ChatMessage> messages);
}
