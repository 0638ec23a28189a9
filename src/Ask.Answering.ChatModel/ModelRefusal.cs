using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel;

/// <summary>
/// A structured-outputs refusal ("I can't help with that") travels in a <see cref="ChatResponse"/> as an
/// <see cref="ErrorContent"/> with code <c>Refusal</c>, as Microsoft.Extensions.AI's own OpenAI client sends it.
/// </summary>
public static class ModelRefusal
{
    public const string ErrorCode = "Refusal";

    public static ErrorContent Create(string refusal) => new(refusal) { ErrorCode = ErrorCode };

    /// <summary>The refusal's text, or null when the model did not refuse.</summary>
    public static string? Find(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>()
            .FirstOrDefault(e => e.ErrorCode == ErrorCode)?.Message;
}
