using Ask.Core;
using Ask.Core.Retrieval;
using Grpc.Core;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

internal sealed partial class QdrantChunkIndex
{
    public async Task<IReadOnlyList<ScoredChunk>> SearchDenseAsync(ReadOnlyMemory<float> queryVector, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Checked before searching: Qdrant's own "Vector dimension error" names neither model.
        var space = await _collections.GetSpaceAsync(cancellationToken);
        if (space is null) return [];
        if (space.Dimensions != queryVector.Length)
            throw new IndexSchemaMismatchException(space, new EmbeddingSpace("the configured embedder", queryVector.Length));
        var dense = new DenseVector();
        dense.Data.AddRange(queryVector.ToArray());
        var hits = await QueryAsync("dense search", new Query { Nearest = new VectorInput { Dense = dense } }, DenseVectorName, limit, filter, cancellationToken);
        await PrepareAnsweringAsync(hits, space, cancellationToken);
        return hits;
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (indices, values) = LexicalEncoder.EncodeQuery(query);
        // Only stop words (or nothing): every document would score zero.
        if (indices.Length == 0) return [];
        var sparse = new SparseVector();
        sparse.Indices.AddRange(indices);
        sparse.Values.AddRange(values);
        var hits = await QueryAsync("lexical search", new Query { Nearest = new VectorInput { Sparse = sparse } }, LexicalVectorName, limit, filter, cancellationToken);
        if (hits.Count > 0 && await _collections.GetSpaceAsync(cancellationToken) is { } space)
            await PrepareAnsweringAsync(hits, space, cancellationToken);
        return hits;
    }

    private async Task<IReadOnlyList<ScoredChunk>> QueryAsync(string operation, Query query, string vectorName, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        try
        {
            var points = await _calls.ReadOrDefaultAsync(operation, async token =>
                    await _client.QueryAsync(_collections.Alias, query, usingVector: vectorName, filter: QdrantFilters.For(filter),
                        limit: (ulong)limit, payloadSelector: true, vectorsSelector: new WithVectorsSelector { Enable = false }, cancellationToken: token),
                (IReadOnlyList<ScoredPoint>)[], cancellationToken);
            return points.Select(p => new ScoredChunk(ChunkPayload.Read(p.Payload), p.Score)).ToList();
        }
        catch (AskException e) when (e.InnerException is RpcException { StatusCode: StatusCode.InvalidArgument } rpc
            && rpc.Status.Detail.Contains("dimension", StringComparison.OrdinalIgnoreCase))
        {
            // Another process rebuilt the collection in another space since we last looked.
            _collections.Forget();
            throw;
        }
    }
}
