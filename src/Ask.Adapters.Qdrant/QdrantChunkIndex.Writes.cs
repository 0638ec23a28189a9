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
    /// A rebuild fills new physical collections and moves both aliases, so queries never see a half-built index.
    /// The answering collection gets the episodes' sentence vectors, words and terms, and the state point the
    /// archive's average chunk length the lexical weights were computed with (see <see cref="LexicalStatistics"/>).
    /// </summary>
    public async Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken)
    {
        // A chunk's analysed terms give its BM25 weights and its episode's vocabulary and lengths.
        var analysed = update.Upserts
            .Select(e => (Episode: e, Terms: (IReadOnlyList<IReadOnlyList<string>>)e.Chunks.Select(c => (IReadOnlyList<string>)LexicalEncoder.Terms(c.Chunk.ContextualText)).ToList()))
            .ToList();
        var added = analysed.Aggregate(LexicalStatistics.Empty, (sum, e) => sum + Statistics(e.Terms));
        var generation = Guid.NewGuid().ToString("N");

        if (update.Rebuild)
        {
            await RebuildAsync(update.Space, update.Upserts, Plan(analysed, update, added.AverageTerms), AnsweringPoints.State(added.AverageTerms, generation), cancellationToken);
            _answering.Invalidate();
            return;
        }

        // Planned before the first call with this update's own average, so an oversized chunk fails the ingest
        // before anything is written; planned again below only if the archive's average differs.
        var plan = Plan(analysed, update, added.AverageTerms);
        if (analysed.Count > 0)
        {
            var indexed = await _collections.EnsureAsync(update.Space, cancellationToken);
            if (!SameSpace(indexed, update.Space)) throw new IndexSchemaMismatchException(indexed, update.Space);
            await _collections.EnsureAnsweringAsync(cancellationToken);
        }
        var replaced = update.Upserts.Select(u => u.EpisodeId).Concat(update.Deletions).ToHashSet(StringComparer.Ordinal);
        var kept = (await _answeringReader.ReadEpisodeStatisticsAsync(cancellationToken))
            .Where(e => !replaced.Contains(e.Key)).Aggregate(LexicalStatistics.Empty, (sum, e) => sum + e.Value);
        var archive = kept + added;
        var state = await _answeringReader.ReadStateAsync(cancellationToken);
        if (archive.AverageTerms != added.AverageTerms) plan = Plan(analysed, update, archive.AverageTerms);

        if (analysed.Count > 0)
        {
            await UpsertAsync(_collections.Alias, plan.Chunks, cancellationToken);
            await UpsertAsync(_collections.AnsweringAlias, plan.Answering, cancellationToken);
            foreach (var (episode, points) in plan.Episodes)
            {
                await _calls.WritePointsAsync($"Delete stale points of {episode.EpisodeId}", token =>
                    _client.DeleteAsync(_collections.Alias, QdrantFilters.StalePoints(episode.EpisodeId, points.Chunks), wait: true, cancellationToken: token), cancellationToken);
                await _calls.WritePointsAsync($"Delete stale sentences of {episode.EpisodeId}", token =>
                    _client.DeleteAsync(_collections.AnsweringAlias, QdrantFilters.StalePoints(episode.EpisodeId, points.Answering), wait: true, cancellationToken: token), cancellationToken);
            }
        }

        if (update.Deletions.Count > 0)
        {
            foreach (var alias in new[] { _collections.Alias, _collections.AnsweringAlias })
            {
                await _calls.WritePointsAsync("Delete episodes", token =>
                    _client.DeleteAsync(alias, QdrantFilters.Episodes(update.Deletions), wait: true, cancellationToken: token),
                    missingCollectionIsNoop: true, cancellationToken);
            }
        }

        // The other episodes' weights were computed with the old average; BM25 compares them with the new ones.
        if (state is { } previous && previous.AverageTerms != archive.AverageTerms && kept.Chunks > 0)
            await ReweightAsync(replaced, archive.AverageTerms, cancellationToken);
        await _calls.WritePointsAsync("Upsert answering state", token =>
                _client.UpsertAsync(_collections.AnsweringAlias, [AnsweringPoints.State(archive.AverageTerms, generation)], wait: true, cancellationToken: token),
            missingCollectionIsNoop: true, cancellationToken);
        _answering.Invalidate();
        Log.Applied(_logger, update.Upserts.Count, update.Deletions.Count, plan.Chunks.Count + plan.Answering.Count);
    }

    private static LexicalStatistics Statistics(IReadOnlyList<IReadOnlyList<string>> chunkTerms) => new(chunkTerms.Count, chunkTerms.Sum(t => (long)t.Count));

    /// <summary>Every point of the update in upsert batches, and each episode's point ids (to delete what it no longer has).</summary>
    private WritePlan Plan(List<(IndexedEpisode Episode, IReadOnlyList<IReadOnlyList<string>> Terms)> analysed, IndexUpdate update, float averageTerms)
    {
        var chunkPoints = new List<(string, PointStruct)>();
        var answeringPoints = new List<(string, PointStruct)>();
        var episodes = new List<(IndexedEpisode, (List<Guid> Chunks, List<Guid> Answering))>();
        foreach (var (episode, terms) in analysed)
        {
            var chunks = ToPoints(episode, terms, update.Space, averageTerms);
            var answering = AnsweringPoints.ForEpisode(episode, terms);
            chunkPoints.AddRange(chunks);
            answeringPoints.AddRange(answering);
            episodes.Add((episode, (chunks.Select(p => Guid.Parse(p.Point.Id.Uuid)).ToList(), answering.Select(p => Guid.Parse(p.Point.Id.Uuid)).ToList())));
        }
        answeringPoints.AddRange(AnsweringPoints.ForWords(update.Upserts.SelectMany(e => e.Words).DistinctBy(w => w.Text, StringComparer.Ordinal)));
        return new WritePlan(PointBatcher.Plan(chunkPoints, _options.MaxBatchBytes), PointBatcher.Plan(answeringPoints, _options.MaxBatchBytes), episodes);
    }

    private sealed record WritePlan(
        IReadOnlyList<IReadOnlyList<PointStruct>> Chunks,
        IReadOnlyList<IReadOnlyList<PointStruct>> Answering,
        IReadOnlyList<(IndexedEpisode Episode, (List<Guid> Chunks, List<Guid> Answering) Points)> Episodes);

    private async Task RebuildAsync(EmbeddingSpace space, IReadOnlyList<IndexedEpisode> episodes, WritePlan plan, PointStruct state, CancellationToken cancellationToken)
    {
        var current = await _collections.ResolveAsync(cancellationToken);
        var currentAnswering = await _collections.ResolveAsync(_collections.AnsweringAlias, cancellationToken);
        var next = _collections.NextPhysicalName(current);
        var nextAnswering = _collections.AnsweringName(next);
        try
        {
            await _collections.CreatePhysicalAsync(next, space, replaceLeftover: true, cancellationToken);
            await _collections.CreateAnsweringAsync(nextAnswering, replaceLeftover: true, cancellationToken);
            await UpsertAsync(next, plan.Chunks, cancellationToken);
            await UpsertAsync(nextAnswering, [.. plan.Answering, [state]], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The aliases still serve the old collections; drop the half-filled ones so they cost no disk.
            foreach (var leftover in new[] { next, nextAnswering })
            {
                try { await _collections.DropAsync(leftover, CancellationToken.None); }
                catch (AskException cleanup) { Log.CleanupFailed(_logger, leftover, cleanup); }
            }
            throw;
        }
        await _collections.SwitchAliasesAsync(
            [(_collections.Alias, next, current is not null), (_collections.AnsweringAlias, nextAnswering, currentAnswering is not null)], cancellationToken);
        _collections.Remember(space);
        // Only after the switch: until then every query was served by the old collections.
        if (current is not null) await _collections.DropAsync(current, cancellationToken);
        if (currentAnswering is not null) await _collections.DropAsync(currentAnswering, cancellationToken);
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

    private static List<(string ChunkId, PointStruct Point)> ToPoints(IndexedEpisode episode, IReadOnlyList<IReadOnlyList<string>> chunkTerms, EmbeddingSpace space, float averageTerms)
    {
        var points = new List<(string, PointStruct)>(episode.Chunks.Count);
        for (var c = 0; c < episode.Chunks.Count; c++)
        {
            var embedded = episode.Chunks[c];
            var chunk = embedded.Chunk;
            if (chunk.EpisodeId != episode.EpisodeId)
                throw new ArgumentException($"Chunk {chunk.Id} is filed under episode {episode.EpisodeId}.", nameof(episode));
            if (embedded.Vector.Length != space.Dimensions)
                throw new IndexSchemaMismatchException(space, space with { Dimensions = embedded.Vector.Length });
            var dense = new DenseVector();
            dense.Data.AddRange(embedded.Vector.ToArray());
            var vectors = new NamedVectors { Vectors = { [DenseVectorName] = new Vector { Dense = dense } } };
            if (LexicalVector(chunkTerms[c], averageTerms) is { } lexical) vectors.Vectors[LexicalVectorName] = lexical;
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

    private static Vector? LexicalVector(IReadOnlyList<string> terms, float averageTerms)
    {
        var (indices, values) = LexicalEncoder.EncodeDocument(terms, averageTerms);
        if (indices.Length == 0) return null;
        var sparse = new SparseVector();
        sparse.Indices.AddRange(indices);
        sparse.Values.AddRange(values);
        return new Vector { Sparse = sparse };
    }

    /// <summary>Same size, and the same model unless the collection predates model metadata (empty name).</summary>
    private static bool SameSpace(EmbeddingSpace indexed, EmbeddingSpace configured) =>
        indexed.Dimensions == configured.Dimensions && (indexed.Model.Length == 0 || indexed.Model == configured.Model);
}
