using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel;

/// <summary>
/// The adapter's log messages. The API key never appears in any of them; prompts and replies are logged
/// (at Debug) by the answer model, not here.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Generative answers via {Provider} model {Model} at {Endpoint} (attempt timeout {TimeoutSeconds} s, budget {BudgetSeconds} s, {Retries} retries)")]
    public static partial void Configured(ILogger logger, string provider, string model, string endpoint, double timeoutSeconds, double budgetSeconds, int retries);



    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "LLM {Prompt} ended {Kind} after {Attempts} attempt(s) in {ElapsedMs:0} ms")]
    public static partial void Completed(ILogger logger, string prompt, string kind, int attempts, double elapsedMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "LLM attempt {Attempt} of {MaxAttempts} failed ({Reason}); retrying in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, int attempt, int maxAttempts, string reason, double delayMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "LLM circuit opened for {BreakSeconds} s after repeated failures (last: {Reason})")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "LLM {Prompt} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string prompt, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "LLM {Prompt} cancelled by the caller after {Attempts} attempt(s)")]
    public static partial void Cancelled(ILogger logger, string prompt, int attempts);





    [LoggerMessage(EventId = 13, Level = LogLevel.Warning,
        Message = "Could not check whether LLM provider {Provider} takes structured outputs ({Reason}); json_schema stays on, and a rejection later switches to json_object")]
    public static partial void StructuredOutputsUnchecked(ILogger logger, string provider, string reason);
}
