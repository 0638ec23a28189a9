namespace Ask.Web.Observability;

/// <summary>The <c>Observability</c> section. OTLP export is configured by the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>service.name on every span, metric and log record.</summary>
    public string ServiceName { get; set; } = "ask";

    /// <summary>
    /// Write every span to the console. Off unless asked for, in Development too: a chat request is dozens of
    /// spans, and printed they bury the log lines a developer is looking for.
    /// </summary>
    public bool ConsoleExporter { get; set; }

    /// <summary>
    /// Seconds a <c>/ready</c> outcome is reused (<c>Observability:ReadyCacheSeconds</c>). Default 5: a flood of
    /// unauthenticated probes costs one store count and one model-list request per 5 s at most.
    /// </summary>
    public int ReadyCacheSeconds { get; set; } = 5;
}
