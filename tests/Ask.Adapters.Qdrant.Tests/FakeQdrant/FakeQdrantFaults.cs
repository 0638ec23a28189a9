using System.Collections.Concurrent;
using Grpc.Core;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>What the fake does wrong, set by a test before or during a run. RPC names are the short gRPC names (<c>Upsert</c>, <c>Query</c>).</summary>
internal sealed class FakeQdrantFaults
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StatusCode>> _failures = new(StringComparer.Ordinal);

    /// <summary>
    /// Delay before handling each call to these RPCs (all RPCs under the key <c>*</c>); <see cref="Timeout.InfiniteTimeSpan"/>
    /// holds the call until the client gives up on it.
    /// </summary>
    public ConcurrentDictionary<string, TimeSpan> Delays { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Awaited with the RPC's name before each call is handled (after its delay): lets a test act at every step of a
    /// client's sequence of calls, instead of guessing when a step happens.
    /// </summary>
    public Func<string, Task>? BeforeEachCall { get; set; }

    /// <summary>Create succeeds but answers AlreadyExists, as when another process created the collection first.</summary>
    public bool AlreadyExistsOnCreate { get; set; }

    /// <summary>Query answers Unimplemented, as a server older than the Query API does.</summary>
    public bool QueryUnimplemented { get; set; }

    /// <summary>Writes answer "acknowledged" instead of "completed" even when the client waits.</summary>
    public bool AcknowledgeWithoutApplying { get; set; }

    /// <summary>Refuse filters on payload fields without an index, as Qdrant Cloud's strict mode does.</summary>
    public bool StrictMode { get; set; }

    /// <summary>The version the health check reports.</summary>
    public string Version { get; set; } = "1.16.0";

    /// <summary>The next <paramref name="times"/> calls of <paramref name="rpc"/> fail with <paramref name="code"/>.</summary>
    public void Fail(string rpc, StatusCode code, int times = 1)
    {
        var queue = _failures.GetOrAdd(rpc, _ => new ConcurrentQueue<StatusCode>());
        for (var i = 0; i < times; i++) queue.Enqueue(code);
    }

    internal async Task BeforeCallAsync(string rpc, CancellationToken cancellationToken)
    {
        var delay = Delays.TryGetValue(rpc, out var d) ? d : Delays.TryGetValue("*", out var all) ? all : TimeSpan.Zero;
        if (delay > TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan) await Task.Delay(delay, cancellationToken);
        if (BeforeEachCall is { } hook) await hook(rpc);
        if (_failures.TryGetValue(rpc, out var queue) && queue.TryDequeue(out var code))
            throw new RpcException(new Status(code, $"Injected {code} on {rpc}"));
    }
}
