using System.Diagnostics.Metrics;
using OpenAI.Chat;

namespace Ask.Adapters.SemanticKernel.Chat;

/// <summary>
/// Tokens the provider reports for each completion (<c>usage</c>), on the <c>Ask</c> meter as
/// <c>ask.llm.tokens</c> tagged <c>type=input|output</c>: what generative answers cost.
/// </summary>
internal static class LlmTokenMetrics
{
    private static readonly Meter Meter = new(Ask.Core.Answering.AnswerMetrics.MeterName);
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("ask.llm.tokens", unit: "{token}", description: "Tokens used by LLM calls, by type (input, output)");

    public static void Record(ChatTokenUsage? usage)
    {
        if (usage is null) return;
        Tokens.Add(usage.InputTokenCount, new KeyValuePair<string, object?>("type", "input"));
        Tokens.Add(usage.OutputTokenCount, new KeyValuePair<string, object?>("type", "output"));
    }
}
