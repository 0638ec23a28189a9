using System.Diagnostics.Metrics;

namespace Ask.Core.Ingestion;

/// <summary>
/// Ingest progress on the <c>Ask</c> meter: how far the running (or last) ingest has got, as gauges an
/// operator can graph while a service ingests its episodes folder at start. Pass it as the pipeline's progress.
/// </summary>
public sealed class IngestMetrics : IProgress<IngestProgress>, IDisposable
{
    private readonly Meter _meter;
    private volatile IngestProgress _last = new(IngestStage.Done, 0, 0, 0, 0, TimeSpan.Zero);

    public IngestMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Answering.AnswerMetrics.MeterName) ?? new Meter(Answering.AnswerMetrics.MeterName);
        _meter.CreateObservableGauge("ask.ingest.episodes", () => Measure(_last.EpisodesDone, _last.EpisodesTotal), description: "Episodes read by the current or last ingest, and the total (tag progress=done|total)");
        _meter.CreateObservableGauge("ask.ingest.chunks", () => Measure(_last.ChunksDone, _last.ChunksTotal), description: "Chunks embedded by the current or last ingest, and the total (tag progress=done|total)");
        _meter.CreateObservableGauge("ask.ingest.active", () => _last.Stage == IngestStage.Done ? 0 : 1, description: "1 while an ingest runs");
    }

    public IngestProgress Last => _last;

    public void Report(IngestProgress value) => _last = value;

    private static Measurement<int>[] Measure(int done, int total) =>
    [
        new(done, new KeyValuePair<string, object?>("progress", "done")),
        new(total, new KeyValuePair<string, object?>("progress", "total")),
    ];

    public void Dispose() => _meter.Dispose();
}
