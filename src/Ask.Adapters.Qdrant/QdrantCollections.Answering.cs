using Ask.Core;
using Grpc.Core;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// The answering collection beside the chunks: sentence vectors by chunk, word vectors, each episode's analysed
/// terms and the archive's state (<see cref="AnsweringFields"/>). Served through its own alias, versioned with the
/// chunks (<c>{alias}-v3</c> goes with <c>{alias}-answering-v3</c>) and moved in the same alias update.
/// </summary>
internal sealed partial class QdrantCollections
{
    private static readonly (string Field, PayloadSchemaType Type)[] AnsweringIndexes =
    [
        (Fields.EpisodeId, PayloadSchemaType.Keyword),
        (AnsweringFields.Kind, PayloadSchemaType.Keyword),
    ];

    public string AnsweringAlias => Alias + AnsweringSuffix;

    /// <summary>The answering collection built with the chunks' physical collection <paramref name="chunksPhysical"/>.</summary>
    public string AnsweringName(string chunksPhysical) =>
        chunksPhysical.StartsWith(Alias + "-v", StringComparison.Ordinal)
            ? AnsweringAlias + chunksPhysical[Alias.Length..]
            : chunksPhysical + AnsweringSuffix;

    /// <summary>
    /// Makes sure the answering alias serves a collection, creating it beside the served chunks when missing (a
    /// first ingest, or chunks written before the answering collection existed).
    /// </summary>
    public async Task EnsureAnsweringAsync(CancellationToken cancellationToken)
    {
        await _ensureLock.WaitAsync(cancellationToken);
        try
        {
            if (await ResolveAsync(AnsweringAlias, cancellationToken) is not null) return;
            var chunks = await ResolveAsync(cancellationToken)
                ?? throw new AskException($"Qdrant alias '{Alias}' serves no collection; the answering collection goes beside it.", isTransient: true);
            var physical = AnsweringName(chunks);
            await CreateAnsweringAsync(physical, replaceLeftover: false, cancellationToken);
            try
            {
                await SwitchAliasesAsync([(AnsweringAlias, physical, false)], cancellationToken);
            }
            catch (AskException)
            {
                // Another process created the alias first; serving its collection is correct.
                if (await ResolveAsync(AnsweringAlias, cancellationToken) is null) throw;
            }
        }
        finally
        {
            _ensureLock.Release();
        }
    }

    /// <summary>Creates an answering collection: no dense vector, a sparse one for episode terms, indexes on the filtered fields.</summary>
    public async Task CreateAnsweringAsync(string name, bool replaceLeftover, CancellationToken cancellationToken)
    {
        if (replaceLeftover && await calls.ReadAsync("CollectionExists", token => client.CollectionExistsAsync(name, token), cancellationToken))
            await DropAsync(name, cancellationToken);
        var request = new CreateCollection
        {
            CollectionName = name,
            VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() },
            SparseVectorsConfig = new SparseVectorConfig { Map = { [TermsVectorName] = new SparseVectorParams() } },
            ShardNumber = options.ShardNumber,
            ReplicationFactor = options.ReplicationFactor,
            WriteConsistencyFactor = options.WriteConsistencyFactor,
            Metadata = { [LayoutMetadata] = Layout },
        };
        await CreateWithIndexesAsync(name, request, AnsweringIndexes, cancellationToken);
    }
}
