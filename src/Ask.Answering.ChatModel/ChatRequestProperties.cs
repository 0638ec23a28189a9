using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel;

/// <summary>
/// What Ask puts in <see cref="ChatOptions.AdditionalProperties"/> for the providers' clients to read
/// (never sent to a server): which prompt a request carries, for their logs and error messages.
/// </summary>
public static class ChatRequestProperties
{
    public const string Prompt = "ask.prompt";

    /// <summary>The prompt's id (<c>answer.v2</c>), or "chat" for a request that names none.</summary>
    public static string PromptOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Prompt, out var value) == true && value is string prompt ? prompt : "chat";
}
