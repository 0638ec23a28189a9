using Ask.Core;

namespace Ask.Answering.ChatModel;

/// <summary>
/// A 400 saying the provider does not take <c>response_format</c> json_schema (a provider without
/// structured outputs; see docs/failure-modes.md#18-a-provider-without-structured-outputs). Non-transient, so the
/// pipeline neither retries it nor counts it against the circuit; the answer model switches to json_object
/// and asks once more. Anywhere else it is the same 400 as any other.
/// </summary>
public sealed class StructuredOutputsRejectedException(string message, string detail, Exception? innerException = null)
    : AskException(message, isTransient: false, innerException)
{
    /// <summary>The provider's own error message.</summary>
    public string Detail { get; } = detail;

    private static readonly string[] Refusals = ["not supported", "unsupported", "enabled only", "not enabled", "not allowed", "does not support", "invalid"];

    /// <summary>
    /// Whether a 400's message says the format itself is unsupported, as the known ones do:
    /// "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later" (Azure),
    /// "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model." (OpenAI, Azure AI).
    /// "Invalid schema for response_format ..." is a bug in our schema (outside the strict subset), not a missing capability: it stays loud.
    /// </summary>
    public static bool Matches(string? message, string? param)
    {
        if (string.IsNullOrWhiteSpace(message)) return false;
        var aboutFormat = param == "response_format"
            || message.Contains("response_format", StringComparison.OrdinalIgnoreCase)
            || message.Contains("json_schema", StringComparison.OrdinalIgnoreCase);
        return aboutFormat
            && Refusals.Any(r => message.Contains(r, StringComparison.OrdinalIgnoreCase))
            && !message.Contains("invalid schema", StringComparison.OrdinalIgnoreCase);
    }
}
