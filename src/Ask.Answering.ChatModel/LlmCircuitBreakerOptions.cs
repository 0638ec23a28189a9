namespace Ask.Answering.ChatModel;

/// <summary>
/// Stops calling an LLM endpoint that keeps failing, so questions fail fast (or fall back to the extractive
/// answer) instead of each one waiting out its retries.
/// </summary>
public sealed class LlmCircuitBreakerOptions
{
    /// <summary>Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within <see cref="SamplingDuration"/> before the ratio counts (at least 2). Default 8.</summary>
    public int MinimumThroughput { get; set; } = 8;

    /// <summary>Default 60 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one trial call. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
