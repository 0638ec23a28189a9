using Ask.Core;
using Ask.Core.Retrieval;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// <see cref="IChunkIndex"/> over Qdrant: one point per chunk with a named dense vector and a named sparse
/// (BM25) vector, the whole chunk in the payload, served through an alias (see <see cref="QdrantCollections"/>);
/// beside it the answering collection with what extractive answers need (see <see cref="AnsweringPoints"/>).
/// </summary>
/// <remarks>
/// Dense and lexical rankings are returned separately and fused by Ask.Core's <see cref="Retriever"/>
/// rather than by Qdrant's own fusion (prefetch + RRF). The retriever's weighted RRF has tuned weights and k
/// (<see cref="RetrievalOptions"/>); Qdrant's RRF has neither, so fusing server-side would rank differently
/// from the embedded index and make eval results depend on the store. Two queries cost one extra round trip.
/// </remarks>
internal sealed partial class QdrantChunkIndex : IChunkIndex
{
    /// <summary>The startup check must fail well inside the 5 s an operator waits for a verdict.</summary>
    private static readonly TimeSpan StartupCheckBudget = TimeSpan.FromSeconds(4);

    /// <summary>The Query API arrived in 1.10, collection metadata (where the embedding model is kept) in 1.16.</summary>
    private static readonly Version MinimumServerVersion = new(1, 16, 0);

    private readonly QdrantClient _client;
    private readonly QdrantOptions _options;
    private readonly QdrantCalls _calls;
    private readonly QdrantCollections _collections;
    private readonly AnsweringReader _answeringReader;
    private readonly AnsweringCache _answering;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public QdrantChunkIndex(QdrantConnection connection, IOptions<QdrantOptions> options, TimeProvider time, ILogger<QdrantChunkIndex> logger)
        : this(connection.Client, options.Value, time, logger)
    {
    }

    internal QdrantChunkIndex(QdrantClient client, QdrantOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _options = options;
        _time = time;
        _calls = new QdrantCalls(options, time);
        _collections = new QdrantCollections(client, _calls, options, time);
        _answeringReader = new AnsweringReader(client, _calls, _collections);
        _answering = new AnsweringCache(_answeringReader, time);
        _logger = logger;
    }

    public string Name => "qdrant";

    internal QdrantCollections Collections => _collections;

    public Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken) =>
        _collections.GetSpaceAsync(cancellationToken);

    public async Task<long> CountAsync(CancellationToken cancellationToken) =>
        (long)await _calls.ReadOrDefaultAsync("Count",
            token => _client.CountAsync(_collections.Alias, exact: true, cancellationToken: token), 0UL, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> GetEpisodeFingerprintsAsync(CancellationToken cancellationToken)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await ScrollPayloadsAsync([Fields.EpisodeId, Fields.Fingerprint], payload =>
        {
            var episode = ChunkPayload.String(payload, Fields.EpisodeId);
            var fingerprint = ChunkPayload.String(payload, Fields.Fingerprint) ?? "";
            if (episode is null) return;
            // Points of one episode with different fingerprints mean an update died halfway: report a value
            // that matches no real fingerprint, so the next ingest writes the episode again.
            fingerprints[episode] = fingerprints.TryGetValue(episode, out var seen) && seen != fingerprint ? "inconsistent" : fingerprint;
        }, cancellationToken);
        return fingerprints;
    }

    public async Task<IReadOnlyList<EpisodeSummary>> ListEpisodesAsync(CancellationToken cancellationToken)
    {
        var episodes = new Dictionary<string, EpisodeSummary>(StringComparer.Ordinal);
        await ScrollPayloadsAsync([Fields.EpisodeId, Fields.EpisodeTitle, Fields.GuestNames, Fields.Season, Fields.EpisodeNumber, Fields.YouTubeId, Fields.EndSec,
            Fields.PodcastId, Fields.PodcastTitle, Fields.AudioUrl, Fields.PageUrl], payload =>
        {
            if (ChunkPayload.String(payload, Fields.EpisodeId) is not { } id) return;
            var end = ChunkPayload.Double(payload, Fields.EndSec) ?? 0;
            episodes[id] = episodes.TryGetValue(id, out var seen)
                ? seen with { Chunks = seen.Chunks + 1, DurationSec = Math.Max(seen.DurationSec, end) }
                : new EpisodeSummary(id, ChunkPayload.String(payload, Fields.EpisodeTitle) ?? id, ChunkPayload.Strings(payload, Fields.GuestNames),
                    (int?)ChunkPayload.Integer(payload, Fields.Season), (int?)ChunkPayload.Integer(payload, Fields.EpisodeNumber),
                    ChunkPayload.String(payload, Fields.YouTubeId), 1, end)
                {
                    Podcast = ChunkPayload.PodcastOf(payload),
                    AudioUrl = ChunkPayload.String(payload, Fields.AudioUrl),
                    PageUrl = ChunkPayload.String(payload, Fields.PageUrl),
                };
        }, cancellationToken);
        return episodes.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every point's payload (only <paramref name="fields"/>, no vectors), page by page: a full scroll stays small per page.</summary>
    private async Task ScrollPayloadsAsync(string[] fields, Action<Google.Protobuf.Collections.MapField<string, Value>> visit, CancellationToken cancellationToken)
    {
        var selector = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { fields } } };
        PointId? offset = null;
        do
        {
            var page = await _calls.ReadOrDefaultAsync("Scroll",
                async token => (ScrollResponse?)await _client.ScrollAsync(_collections.Alias, limit: 1000, offset: offset,
                    payloadSelector: selector, vectorsSelector: new WithVectorsSelector { Enable = false }, cancellationToken: token),
                null, cancellationToken);
            if (page is null) break;
            foreach (var point in page.Result) visit(point.Payload);
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }

    /// <summary>
    /// Fails fast, with a message naming the fix, when the server is unreachable, is not speaking gRPC
    /// (the REST port 6333), or is too old; otherwise returns the server version.
    /// </summary>
    internal async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(StartupCheckBudget, _time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HealthCheckReply reply;
        try
        {
            reply = await _client.HealthAsync(budget.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException or HttpRequestException)
        {
            var detail = e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : $"no answer within {StartupCheckBudget.TotalSeconds:0} s";
            // An HTTP/1.1 answer to gRPC's HTTP/2 is what Qdrant's REST port gives.
            var hint = detail.Contains("HTTP_1_1", StringComparison.Ordinal) || detail.Contains("HTTP/2", StringComparison.Ordinal) || detail.Contains("PROTOCOL_ERROR", StringComparison.Ordinal)
                ? "The server answers plain HTTP, not gRPC: this looks like Qdrant's REST port (6333). "
                : "";
            throw new AskException(
                $"Qdrant is not reachable over gRPC at {_options.Url} ({detail}). {hint}Qdrant.Client speaks gRPC on port 6334; " +
                "6333 is the REST port. Qdrant Cloud needs https://<cluster>:6334 and Qdrant:ApiKey.",
                isTransient: e is not RpcException { StatusCode: StatusCode.Internal or StatusCode.Unimplemented }, e);
        }
        if (Version.TryParse(reply.Version, out var version) && version < MinimumServerVersion)
            throw new AskException($"Incompatible Qdrant server version {reply.Version} at {_options.Url}: Ask needs {MinimumServerVersion} or later (Query API, collection metadata).");
        Log.ServerChecked(_logger, _options.Url, reply.Version);
        return reply.Version;
    }
}
