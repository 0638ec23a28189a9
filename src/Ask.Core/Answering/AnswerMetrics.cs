using System.Diagnostics.Metrics;

namespace Ask.Core.Answering;

/// <summary>Counters of what answering did, published on the <c>Ask</c> meter (OpenTelemetry, dotnet-counters).</summary>
public sealed class AnswerMetrics : IDisposable
{
    public const string MeterName = "Ask";

    private readonly Meter _meter;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _validationFailures;
    private readonly Counter<long> _repairs;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _stageDuration;

    public AnswerMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _answers = _meter.CreateCounter<long>("ask.answers", description: "Answers returned, by mode and status");
        _validationFailures = _meter.CreateCounter<long>("ask.answers.validation_failures", description: "Model replies rejected by validation");
        _repairs = _meter.CreateCounter<long>("ask.answers.repairs", description: "Repair rounds sent to the model");
        _fallbacks = _meter.CreateCounter<long>("ask.answers.fallbacks", description: "Generative answers replaced by the extractive one");
        _refusals = _meter.CreateCounter<long>("ask.answers.refusals", description: "Questions the model declined");
        _stageDuration = _meter.CreateHistogram<double>("ask.stage.duration", unit: "ms", description: "Time per answering stage (retrieve_embed, generate, validate, extract, total, ...)");
    }

    private long _validationFailureCount;
    private long _repairCount;
    private long _fallbackCount;

    public long ValidationFailures => Interlocked.Read(ref _validationFailureCount);
    public long Repairs => Interlocked.Read(ref _repairCount);
    public long Fallbacks => Interlocked.Read(ref _fallbackCount);

    public void Answered(Answer answer) =>
        _answers.Add(1, new("mode", answer.Mode.ToString().ToLowerInvariant()), new("status", answer.Status.ToString().ToLowerInvariant()));

    /// <summary>One rejected reply, counted once per kind of error it had.</summary>
    public void ValidationFailed(IReadOnlyList<string> errors)
    {
        Interlocked.Increment(ref _validationFailureCount);
        foreach (var kind in errors.Select(ValidationFailureKind.Of).DefaultIfEmpty("other").Distinct())
            _validationFailures.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Repaired() { Interlocked.Increment(ref _repairCount); _repairs.Add(1); }

    /// <param name="reason">The answer's <c>degraded</c> text; its prefix (<c>validation_failed</c>, <c>model_unavailable</c>, ...) is the tag.</param>
    public void FellBack(string reason)
    {
        Interlocked.Increment(ref _fallbackCount);
        _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason.Split(':')[0]));
    }

    /// <summary>Records the <c>timings_ms</c> of one answer, one histogram point per stage.</summary>
    public void StagesTimed(IReadOnlyDictionary<string, double> timingsMs)
    {
        foreach (var (key, ms) in timingsMs)
            _stageDuration.Record(ms, new KeyValuePair<string, object?>("stage", key.EndsWith("_ms", StringComparison.Ordinal) ? key[..^3] : key));
    }
    public void Refused() => _refusals.Add(1);

    public void Dispose() => _meter.Dispose();
}
