using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel;

/// <summary>
/// Token arithmetic for a prompt without the model's tokenizer: about four characters per token in
/// English, plus a few tokens of framing per message. Rough, but on the safe side for fitting, and far
/// enough from what a provider reports to tell a cut prompt from a miscount.
/// </summary>
internal static class PromptBudget
{
    private const double CharsPerToken = 4.0;
    private const int TokensPerMessage = 4;

    /// <summary>Below this share of the count sent, the provider's prompt-token count means it cut the prompt.</summary>
    private const double TruncatedBelow = 0.6;

    public static int Estimate(IEnumerable<ChatMessage> messages) =>
        messages.Sum(m => (int)Math.Ceiling(m.Text.Length / CharsPerToken) + TokensPerMessage);

    public static bool LooksTruncated(long? reportedPromptTokens, int sent) =>
        reportedPromptTokens is { } reported and > 0 && reported < TruncatedBelow * sent;
}
