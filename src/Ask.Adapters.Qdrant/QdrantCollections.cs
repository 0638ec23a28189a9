using System.Globalization;
using Ask.Core;
using Ask.Core.Retrieval;
using Grpc.Core;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// The alias and the physical collections behind it. <see cref="QdrantOptions.Collection"/> is always an
/// alias; the data lives in <c>{alias}-v{N}</c>. Qdrant cannot rename a collection, but it moves an alias
/// atomically, so a rebuild fills <c>v{N+1}</c> while queries keep reading <c>v{N}</c>.
/// </summary>
internal sealed partial class QdrantCollections(QdrantClient client, QdrantCalls calls, QdrantOptions options, TimeProvider time)
{
    /// <summary>How long a read trusts the last known embedding space before asking again (another process may rebuild).</summary>
    private static readonly TimeSpan SpaceCacheDuration = TimeSpan.FromSeconds(30);

    private static readonly (string Field, PayloadSchemaType Type)[] PayloadIndexes =
    [
        (Fields.EpisodeId, PayloadSchemaType.Keyword),
        (Fields.PodcastId, PayloadSchemaType.Keyword),
        (Fields.Guests, PayloadSchemaType.Keyword),
        (Fields.Speakers, PayloadSchemaType.Keyword),
        (Fields.Season, PayloadSchemaType.Integer),
        (Fields.StartSec, PayloadSchemaType.Float),
    ];

    private readonly SemaphoreSlim _ensureLock = new(1, 1);
    // One reference, swapped whole: searches read it without the ensure lock.
    private volatile KnownSpace? _known;
    private bool _indexesChecked;

    public string Alias => options.Collection;

    /// <summary>The served collection's embedding space, or null when there is none yet.</summary>
    public async Task<EmbeddingSpace?> GetSpaceAsync(CancellationToken cancellationToken)
    {
        if (_known is { } known && known.Until > time.GetUtcNow()) return known.Space;
        var info = await calls.ReadOrDefaultAsync("GetCollectionInfo",
            async token => (CollectionInfo?)await client.GetCollectionInfoAsync(Alias, token), null, cancellationToken);
        if (info is null) return null;
        var space = SpaceOf(info);
        Remember(space);
        return space;
    }

    /// <summary>
    /// Makes sure the alias serves a collection, creating the first one in <paramref name="space"/>, and
    /// returns the space of the served collection (which may differ: the caller checks). Concurrent calls in
    /// this process send one create; another process racing us gets AlreadyExists, which counts as success.
    /// </summary>
    public async Task<EmbeddingSpace> EnsureAsync(EmbeddingSpace space, CancellationToken cancellationToken)
    {
        await _ensureLock.WaitAsync(cancellationToken);
        try
        {
            if (await GetSpaceAsync(cancellationToken) is { } existing)
            {
                await AddMissingIndexesAsync(cancellationToken);
                return existing;
            }
            var physical = PhysicalName(1);
            await CreatePhysicalAsync(physical, space, replaceLeftover: false, cancellationToken);
            await CreateAliasAsync(physical, cancellationToken);
            // Read back: if another process won the race, its collection (and space) is what we serve.
            Forget();
            return await GetSpaceAsync(cancellationToken)
                ?? throw new AskException($"Qdrant alias '{Alias}' is missing right after it was created.", isTransient: true);
        }
        finally
        {
            _ensureLock.Release();
        }
    }

    /// <summary>
    /// Creates the payload indexes a collection made by an older Ask lacks (the podcast id came later), once
    /// per process, so that its filters keep working under strict mode without a rebuild.
    /// </summary>
    private async Task AddMissingIndexesAsync(CancellationToken cancellationToken)
    {
        if (_indexesChecked) return;
        var info = await calls.ReadAsync("GetCollectionInfo", token => client.GetCollectionInfoAsync(Alias, token), cancellationToken);
        var missing = PayloadIndexes.Where(i => !info.PayloadSchema.ContainsKey(i.Field)).ToArray();
        if (missing.Length > 0 && await ResolveAsync(cancellationToken) is { } physical)
        {
            foreach (var (field, type) in missing)
                await calls.WriteAsync($"CreatePayloadIndex {field}", token =>
                    client.CreatePayloadIndexAsync(physical, field, type, wait: true, cancellationToken: token), cancellationToken);
        }
        _indexesChecked = true;
    }

    /// <summary>The physical collection the alias points at, or null.</summary>
    public Task<string?> ResolveAsync(CancellationToken cancellationToken) => ResolveAsync(Alias, cancellationToken);

    /// <summary>The physical collection <paramref name="alias"/> points at, or null.</summary>
    public async Task<string?> ResolveAsync(string alias, CancellationToken cancellationToken)
    {
        var aliases = await calls.ReadAsync("ListAliases", token => client.ListAliasesAsync(token), cancellationToken);
        return aliases.FirstOrDefault(a => a.AliasName == alias)?.CollectionName;
    }

    /// <summary>The name after <paramref name="current"/>: <c>{alias}-v{N+1}</c>.</summary>
    public string NextPhysicalName(string? current)
    {
        var prefix = Alias + "-v";
        var version = current is not null && current.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(current.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return PhysicalName(version + 1);
    }

    /// <summary>Creates a physical collection laid out for chunks in <paramref name="space"/>, with its payload indexes.</summary>
    public async Task CreatePhysicalAsync(string name, EmbeddingSpace space, bool replaceLeftover, CancellationToken cancellationToken)
    {
        if (replaceLeftover)
        {
            // A rebuild that died before its alias switch leaves its collection behind; start that version afresh.
            if (await calls.ReadAsync("CollectionExists", token => client.CollectionExistsAsync(name, token), cancellationToken))
                await DropAsync(name, cancellationToken);
        }
        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig
            {
                ParamsMap = new VectorParamsMap
                {
                    Map = { [DenseVectorName] = new VectorParams { Size = (ulong)space.Dimensions, Distance = Distance.Cosine } },
                },
            },
            SparseVectorsConfig = new SparseVectorConfig
            {
                Map = { [LexicalVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } },
            },
            ShardNumber = options.ShardNumber,
            ReplicationFactor = options.ReplicationFactor,
            WriteConsistencyFactor = options.WriteConsistencyFactor,
            Metadata =
            {
                [ModelMetadata] = space.Model,
                [DimensionsMetadata] = (long)space.Dimensions,
                [LayoutMetadata] = Layout,
            },
        };
        await CreateWithIndexesAsync(name, request, PayloadIndexes, cancellationToken);
    }

    /// <summary>Creates a collection — one a concurrent first ingest created already will do — and its payload indexes.</summary>
    private async Task CreateWithIndexesAsync(string name, CreateCollection request,
        IEnumerable<(string Field, PayloadSchemaType Type)> indexes, CancellationToken cancellationToken)
    {
        await calls.WriteAsync("CreateCollection", async token =>
        {
            try
            {
                await client.CreateCollectionAsync(request, token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                // Someone created it between our look and our create: the collection exists, which is all we wanted.
            }
            return true;
        }, cancellationToken);
        foreach (var (field, type) in indexes)
        {
            // Filters on unindexed fields are slow at scale and refused under strict mode (Qdrant Cloud).
            await calls.WriteAsync($"CreatePayloadIndex {field}", token =>
                client.CreatePayloadIndexAsync(name, field, type, wait: true, cancellationToken: token), cancellationToken);
        }
    }

    /// <summary>Points the alias at <paramref name="physical"/> in one atomic alias update.</summary>
    public Task SwitchAliasAsync(string physical, bool aliasExists, CancellationToken cancellationToken) =>
        SwitchAliasesAsync([(Alias, physical, aliasExists)], cancellationToken);

    /// <summary>
    /// Points every alias at its collection in one alias update, which Qdrant applies atomically: a rebuild moves
    /// the chunks and the answering collection together, so no reader sees chunks of one build and sentences of another.
    /// </summary>
    public async Task SwitchAliasesAsync(IReadOnlyList<(string Alias, string Physical, bool Exists)> switches, CancellationToken cancellationToken)
    {
        var operations = new List<AliasOperations>();
        foreach (var (alias, physical, exists) in switches)
        {
            if (exists) operations.Add(new AliasOperations { DeleteAlias = new DeleteAlias { AliasName = alias } });
            operations.Add(new AliasOperations { CreateAlias = new CreateAlias { AliasName = alias, CollectionName = physical } });
        }
        await calls.WriteAsync("UpdateAliases", async token =>
        {
            await client.UpdateAliasesAsync(operations, cancellationToken: token);
            return true;
        }, cancellationToken);
        Forget();
    }

    public Task DropAsync(string physical, CancellationToken cancellationToken) =>
        calls.WriteAsync("DeleteCollection", async token =>
        {
            await client.DeleteCollectionAsync(physical, cancellationToken: token);
            return true;
        }, cancellationToken);

    public void Remember(EmbeddingSpace space) => _known = new KnownSpace(space, time.GetUtcNow() + SpaceCacheDuration);

    public void Forget() => _known = null;

    private async Task CreateAliasAsync(string physical, CancellationToken cancellationToken)
    {
        try
        {
            await SwitchAliasAsync(physical, aliasExists: false, cancellationToken);
        }
        catch (AskException)
        {
            // Another process created the alias first; serving its collection is correct.
            if (await ResolveAsync(cancellationToken) is null) throw;
        }
    }

    private string PhysicalName(long version) => string.Create(CultureInfo.InvariantCulture, $"{Alias}-v{version}");

    private EmbeddingSpace SpaceOf(CollectionInfo info)
    {
        var vectors = info.Config?.Params?.VectorsConfig;
        if (vectors?.ParamsMap is null || !vectors.ParamsMap.Map.TryGetValue(DenseVectorName, out var dense))
            throw new AskException($"Qdrant collection '{Alias}' has no '{DenseVectorName}' vector; it was not created by Ask. Re-ingest with --rebuild.");
        // The size is authoritative from the vector config; the model name comes from collection metadata
        // (empty on servers without metadata support, and then only the size is compared).
        var model = info.Config!.Metadata.TryGetValue(ModelMetadata, out var m) && m.KindCase == Value.KindOneofCase.StringValue ? m.StringValue : "";
        return new EmbeddingSpace(model, (int)dense.Size);
    }

    private sealed record KnownSpace(EmbeddingSpace Space, DateTimeOffset Until);
}
