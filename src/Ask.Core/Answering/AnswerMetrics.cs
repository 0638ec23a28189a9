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

    public AnswerMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _answers = _meter.CreateCounter<long>("ask.answers", description: "Answers returned, by mode and status");
        _validationFailures = _meter.CreateCounter<long>("ask.answers.validation_failures", description: "Model replies rejected by validation");
        _repairs = _meter.CreateCounter<long>("ask.answers.repairs", description: "Repair rounds sent to the model");
        _fallbacks = _meter.CreateCounter<long>("ask.answers.fallbacks", description: "Generative answers replaced by the extractive one");
        _refusals = _meter.CreateCounter<long>("ask.answers.refusals", description: "Questions the model declined");
    }

    private long _validationFailureCount;
    private long _repairCount;
    private long _fallbackCount;

    public long ValidationFailures => Interlocked.Read(ref _validationFailureCount);
    public long Repairs => Interlocked.Read(ref _repairCount);
    public long Fallbacks => Interlocked.Read(ref _fallbackCount);

    public void Answered(Answer answer) =>
        _answers.Add(1, new("mode", answer.Mode.ToString().ToLowerInvariant()), new("status", answer.Status.ToString().ToLowerInvariant()));

    public void ValidationFailed() { Interlocked.Increment(ref _validationFailureCount); _validationFailures.Add(1); }
    public void Repaired() { Interlocked.Increment(ref _repairCount); _repairs.Add(1); }
    public void FellBack() { Interlocked.Increment(ref _fallbackCount); _fallbacks.Add(1); }
    public void Refused() => _refusals.Add(1);

    public void Dispose() => _meter.Dispose();
}
