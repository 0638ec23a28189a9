using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp;

internal static partial class Log
{
    [LoggerMessage(Message = "llama.cpp: {Text}")]
    public static partial void Native(ILogger logger, LogLevel level, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local model {Model} loaded from {Path} ({Architecture}, {SizeMb:F0} MB, {Parameters} parameters) in {Ms:F0} ms; context {Context} tokens, {Threads} threads, {Concurrency} at a time; chat template: {Template}")]
    public static partial void Loaded(ILogger logger, string model, string path, string architecture, double sizeMb, ulong parameters, double ms, int context, int threads, int concurrency, string template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's chat template is not one llama.cpp knows ({Reason}); using the ChatML fallback")]
    public static partial void TemplateFallback(ILogger logger, string reason);


    [LoggerMessage(Level = LogLevel.Information, Message = "Local generation ({Prompt}): {PromptTokens} prompt tokens, {OutputTokens} output tokens, first token after {FirstTokenMs:F0} ms, {TokensPerSecond:F1} tokens/s, ended by {End}")]
    public static partial void Generated(ILogger logger, string prompt, int promptTokens, int outputTokens, double firstTokenMs, double tokensPerSecond, string end);


}
