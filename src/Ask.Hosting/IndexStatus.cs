using Ask.Core.Ingestion;

namespace Ask.Hosting;

public enum IndexState { Starting, Ingesting, Ready, Failed }

/// <summary>What the serving process knows about its index, for <c>/health</c> and the startup log.</summary>
public sealed class IndexStatus
{
    private volatile Snapshot _snapshot = new(IndexState.Starting, null, null, null);

    public Snapshot Current => _snapshot;

    public void Ingesting(string source) => _snapshot = new(IndexState.Ingesting, source, null, null);

    public void Ready(string? source, IngestReport? report) => _snapshot = new(IndexState.Ready, source, report, null);

    public void Failed(string? source, string error) => _snapshot = new(IndexState.Failed, source, null, error);

    public sealed record Snapshot(IndexState State, string? Source, IngestReport? LastIngest, string? Error);
}
