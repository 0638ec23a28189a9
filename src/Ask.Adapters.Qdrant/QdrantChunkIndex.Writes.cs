using Ask.Core;
using Ask.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

internal sealed partial class QdrantChunkIndex
{
    /// <summary>
    /// Writes one ingest. An updated episode is upserted first and only then are its leftover points (ids not
    /// in the new set) deleted, so a reader sees the old or the new chunks of an unchanged moment, never none.
    /// A rebuild fills a new physical collection and moves the alias, so queries never see a half-built index.
    /// </summary>
    public async Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken)
    {
        var episodes = update.Upserts.Select(e => (Episode: e, Points: ToPoints(e, update.Space))).ToList();
        // Planned before the first call: an oversized chunk fails the ingest before anything is written.
        var batches = PointBatcher.Plan(episodes.SelectMany(e => e.Points), _options.MaxBatchBytes);

        if (update.Rebuild)
        {
            await RebuildAsync(update.Space, episodes.Select(e => e.Episode).ToList(), batches, cancellationToken);
            return;
        }

        if (episodes.Count > 0)
        {
            var indexed = await _collections.EnsureAsync(update.Space, cancellationToken);
            if (!SameSpace(indexed, update.Space)) throw new IndexSchemaMismatchException(indexed, update.Space);
            await UpsertAsync(_collections.Alias, batches, cancellationToken);
            foreach (var (episode, points) in episodes)
            {
                await _calls.WritePointsAsync($"Delete stale points of {episode.EpisodeId}", token =>
                    _client.DeleteAsync(_collections.Alias, QdrantFilters.StalePoints(episode.EpisodeId, points.Select(p => Guid.Parse(p.Point.Id.Uuid))),
                        wait: true, cancellationToken: token), cancellationToken);
            }
        }

        if (update.Deletions.Count > 0)
        {
            await _calls.WritePointsAsync("Delete episodes", token =>
                _client.DeleteAsync(_collections.Alias, QdrantFilters.Episodes(update.Deletions), wait: true, cancellationToken: token),
                missingCollectionIsNoop: true, cancellationToken);
        }
        Log.Applied(_logger, update.Upserts.Count, update.Deletions.Count, batches.Count);
    }

    private async Task RebuildAsync(EmbeddingSpace space, IReadOnlyList<IndexedEpisode> episodes, IReadOnlyList<IReadOnlyList<PointStruct>> batches, CancellationToken cancellationToken)
    {
        var current = await _collections.ResolveAsync(cancellationToken);
        var next = _collections.NextPhysicalName(current);
        await _collections.CreatePhysicalAsync(next, space, replaceLeftover: true, cancellationToken);
        try
        {
            await UpsertAsync(next, batches, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The alias still serves the old collection; drop the half-filled one so it costs no disk.
            try { await _collections.DropAsync(next, CancellationToken.None); }
            catch (AskException cleanup) { Log.CleanupFailed(_logger, next, cleanup); }
            throw;
        }
        await _collections.SwitchAliasAsync(next, aliasExists: current is not null, cancellationToken);
        _collections.Remember(space);
        // Only after the switch: until then every query was served by the old collection.
        if (current is not null) await _collections.DropAsync(current, cancellationToken);
        Log.Rebuilt(_logger, _collections.Alias, next, current, episodes.Count);
    }

    private async Task UpsertAsync(string collection, IReadOnlyList<IReadOnlyList<PointStruct>> batches, CancellationToken cancellationToken)
    {
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            await _calls.WritePointsAsync($"Upsert (batch {i + 1} of {batches.Count}, {batch.Count} points)", token =>
                _client.UpsertAsync(collection, batch, wait: true, cancellationToken: token), cancellationToken);
        }
    }

    private static List<(string ChunkId, PointStruct Point)> ToPoints(IndexedEpisode episode, EmbeddingSpace space)
    {
        var points = new List<(string, PointStruct)>(episode.Chunks.Count);
        foreach (var embedded in episode.Chunks)
        {
            var chunk = embedded.Chunk;
            if (chunk.EpisodeId != episode.EpisodeId)
                throw new ArgumentException($"Chunk {chunk.Id} is filed under episode {episode.EpisodeId}.", nameof(episode));
            if (embedded.Vector.Length != space.Dimensions)
                throw new IndexSchemaMismatchException(space, space with { Dimensions = embedded.Vector.Length });
            var dense = new DenseVector();
            dense.Data.AddRange(embedded.Vector.ToArray());
            var vectors = new NamedVectors { Vectors = { [DenseVectorName] = new Vector { Dense = dense } } };
            var (indices, values) = LexicalEncoder.EncodeDocument(chunk.ContextualText);
            if (indices.Length > 0)
            {
                var sparse = new SparseVector();
                sparse.Indices.AddRange(indices);
                sparse.Values.AddRange(values);
                vectors.Vectors[LexicalVectorName] = new Vector { Sparse = sparse };
            }
            var point = new PointStruct
            {
                Id = new PointId { Uuid = ChunkPointId.For(chunk.EpisodeId, chunk.Ordinal).ToString() },
                Vectors = new Vectors { Vectors_ = vectors },
            };
            ChunkPayload.Write(point.Payload, chunk, episode.Fingerprint);
            points.Add((chunk.Id, point));
        }
        return points;
    }

    /// <summary>Same size, and the same model unless the collection predates model metadata (empty name).</summary>
    private static bool SameSpace(EmbeddingSpace indexed, EmbeddingSpace configured) =>
        indexed.Dimensions == configured.Dimensions && (indexed.Model.Length == 0 || indexed.Model == configured.Model);
}
