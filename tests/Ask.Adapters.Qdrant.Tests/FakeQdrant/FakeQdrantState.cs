using System.Collections.Concurrent;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>Everything the fake stores and everything a test may inspect afterwards. Guard reads and writes with <see cref="Sync"/>.</summary>
internal sealed class FakeQdrantState
{
    public object Sync { get; } = new();

    public Dictionary<string, FakeCollection> Collections { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias name to collection name.</summary>
    public Dictionary<string, string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls per RPC, counted when they arrive (before any injected delay or failure).</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Every upsert that reached the handler: serialized size, wait flag, point count, the collection (or alias) named
    /// and the points' ids. A client that timed out and retried sends the same points again, so count ids, not points.
    /// </summary>
    public ConcurrentQueue<(int Bytes, bool Wait, int Points, string Collection, string[] Ids)> Upserts { get; } = new();

    /// <summary>Every scroll that reached the handler.</summary>
    public ConcurrentQueue<ScrollPoints> Scrolls { get; } = new();

    /// <summary>Mutations in the order they were applied, e.g. <c>create ask-v2</c>, <c>alias ask -> ask-v2</c>, <c>drop ask-v1</c>.</summary>
    public ConcurrentQueue<string> Journal { get; } = new();

    public int CallsOf(string rpc) => Calls.TryGetValue(rpc, out var n) ? n : 0;

    /// <summary>The collection behind a name that may be an alias; null when neither exists.</summary>
    public FakeCollection? Resolve(string name) =>
        Collections.TryGetValue(Aliases.TryGetValue(name, out var target) ? target : name, out var collection) ? collection : null;
}
