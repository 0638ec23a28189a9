using Microsoft.Extensions.Logging;

namespace Ask.Answering.ChatModel;

/// <summary>What is known about the provider's support for <c>response_format: json_schema</c>.</summary>
public enum StructuredOutputsState
{
    /// <summary>Not checked yet (probe off, or it could not tell); json_schema is sent.</summary>
    Unchecked,
    /// <summary>The startup probe's json_schema request was accepted.</summary>
    Accepted,
    /// <summary>The provider rejected json_schema; json_object is sent from then on.</summary>
    Rejected,
}

/// <summary>
/// Whether the configured provider takes strict structured outputs. "OpenAI-compatible" servers differ:
/// Azure AI Inference knows only <c>json_object</c>, old Azure api-versions reject <c>json_schema</c> with a 400.
/// Once rejected, answers are requested as <c>json_object</c> with the schema written into the prompt; Core's
/// validator still checks every reply, so a weaker format costs repairs, never a wrong answer. One per host.
/// </summary>
public sealed class StructuredOutputs(string provider, ILogger<StructuredOutputs> logger)
{
    private int _state;
    private string? _rejection;

    public StructuredOutputsState State => (StructuredOutputsState)Volatile.Read(ref _state);

    /// <summary>The provider's own words when it rejected json_schema, else null.</summary>
    public string? Rejection => Volatile.Read(ref _rejection);

    /// <summary>The <c>response_format</c> type answers are requested with now.</summary>
    public string ResponseFormat => State == StructuredOutputsState.Rejected ? "json_object" : "json_schema";

    /// <summary>For readiness and logs, e.g. "response_format json_object (the provider rejected json_schema)".</summary>
    public string Describe() => State switch
    {
        StructuredOutputsState.Rejected => "response_format json_object (the provider rejected json_schema)",
        StructuredOutputsState.Accepted => "response_format json_schema (accepted at startup)",
        _ => "response_format json_schema (not checked)",
    };

    /// <summary>A json_schema request went through (the startup probe's).</summary>
    public void MarkAccepted()
    {
        if (Interlocked.CompareExchange(ref _state, (int)StructuredOutputsState.Accepted, (int)StructuredOutputsState.Unchecked) == (int)StructuredOutputsState.Unchecked)
            Log.StructuredOutputsAccepted(logger, provider);
    }

    /// <summary>Flags the provider; the warning is logged once, by the call that flagged it.</summary>
    /// <param name="where">Which request found out: "the startup check", "a answer.v2 request".</param>
    public void MarkRejected(string detail, string where)
    {
        if (Interlocked.Exchange(ref _state, (int)StructuredOutputsState.Rejected) == (int)StructuredOutputsState.Rejected) return;
        Volatile.Write(ref _rejection, detail);
        Log.StructuredOutputsRejected(logger, provider, where, detail);
    }
}
