using System.Diagnostics;

namespace Ask.Core;

/// <summary>
/// The <c>Ask</c> activity source: one span per answering stage (retrieve, rewrite, generate, validate,
/// repair, fallback, extract). Plain System.Diagnostics, so the core needs no OpenTelemetry package;
/// hosts subscribe by name.
/// </summary>
public static class AskTelemetry
{
    public const string SourceName = "Ask";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for one stage, named <c>ask.{stage}</c>; null when nobody listens, so it costs nothing then.</summary>
    public static Activity? Stage(string stage) => Source.StartActivity("ask." + stage);
}
