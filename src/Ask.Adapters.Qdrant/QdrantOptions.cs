namespace Ask.Adapters.Qdrant;

/// <summary>
/// Where and how the chunk index lives in Qdrant (config section <c>Qdrant</c>; the host also maps
/// <c>QDRANT_URL</c> and <c>QDRANT_API_KEY</c>).
/// </summary>
public sealed class QdrantOptions
{
    public const string Section = "Qdrant";

    /// <summary>The gRPC endpoint. Qdrant.Client speaks only gRPC: port 6334, not the REST port 6333. Default <c>http://localhost:6334</c>.</summary>
    public string Url { get; set; } = "http://localhost:6334";

    /// <summary>API key sent as the <c>api-key</c> header; null for a local server.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The alias the index is served under. Physical collections are named <c>{Collection}-v{N}</c>;
    /// a rebuild fills the next version and moves the alias. Default <c>ask-chunks</c>.
    /// </summary>
    public string Collection { get; set; } = "ask-chunks";

    /// <summary>Shards of a new collection. Default 1.</summary>
    public uint ShardNumber { get; set; } = 1;

    /// <summary>Copies of each shard (distributed mode only). Default 1.</summary>
    public uint ReplicationFactor { get; set; } = 1;

    /// <summary>Replicas that must confirm a write (distributed mode only). Default 1.</summary>
    public uint WriteConsistencyFactor { get; set; } = 1;

    /// <summary>
    /// Upper bound for one upsert request, serialized. Qdrant and gRPC clients default to 4 MiB messages
    /// and Qdrant advises batches of about 5 MB. Default 4,000,000 bytes.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 4_000_000;

    /// <summary>gRPC deadline of every call; past it a search fails as transient instead of hanging. Default 10 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Check the server at start (reachable, gRPC, Query API) so bad configuration stops the process at boot. Default true.</summary>
    public bool CheckOnStart { get; set; } = true;

    public QdrantRetryOptions Retry { get; set; } = new();
}
