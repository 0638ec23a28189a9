using Microsoft.Extensions.Logging;

namespace Ask.Answering.ChatModel;

/// <summary>
/// The answer model's log messages, whichever provider serves it. Whole prompts and replies only at Debug,
/// since they carry user questions and transcript text.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "LLM request with prompt {Prompt}:\n{Messages}")]
    public static partial void Request(ILogger logger, string prompt, string messages);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "LLM reply to {Prompt} ({FinishReason}):\n{Content}")]
    public static partial void Reply(ILogger logger, string prompt, string finishReason, string? content);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Rewrite of a follow-up question ended {Kind}; the question is used as asked")]
    public static partial void RewriteUnusable(ILogger logger, string kind);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Left out the {Dropped} lowest-ranked of {Total} sources to fit Llm:ContextTokens={ContextTokens}")]
    public static partial void SourcesDropped(ILogger logger, int dropped, int total, int contextTokens);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "LLM provider {Provider} has no structured outputs: it rejected response_format json_schema in {Where} ({Detail}). Answers now ask for json_object with the schema in the prompt; every reply is still validated")]
    public static partial void StructuredOutputsRejected(ILogger logger, string provider, string where, string detail);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "LLM provider {Provider} accepted response_format json_schema (structured outputs)")]
    public static partial void StructuredOutputsAccepted(ILogger logger, string provider);
}
