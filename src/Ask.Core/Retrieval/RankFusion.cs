namespace Ask.Core.Retrieval;

/// <summary>Combines several rankings of chunks into one.</summary>
public static class RankFusion
{
    /// <summary>
    /// Weighted sum of min-max normalised scores: each ranking's best candidate scores 1 and its worst 0;
    /// a chunk absent from a ranking gets 0 there. Unlike rank fusion it keeps how far apart scores are.
    /// </summary>
    public static IReadOnlyList<ScoredChunk> FuseScores(IReadOnlyList<(IReadOnlyList<ScoredChunk> Ranking, double Weight)> rankings)
    {
        var scores = new Dictionary<string, (Ask.Core.Chunking.Chunk Chunk, double Score)>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in rankings)
        {
            if (ranking.Count == 0) continue;
            var max = ranking.Max(r => r.Score);
            var min = ranking.Min(r => r.Score);
            var range = max - min;
            foreach (var item in ranking)
            {
                var normalised = range > 0 ? (item.Score - min) / range : 1;
                scores[item.Chunk.Id] = scores.TryGetValue(item.Chunk.Id, out var existing)
                    ? (existing.Chunk, existing.Score + weight * normalised)
                    : (item.Chunk, weight * normalised);
            }
        }
        return scores.Values
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Chunk.Id, StringComparer.Ordinal)
            .Select(x => new ScoredChunk(x.Chunk, x.Score))
            .ToList();
    }

    /// <summary>Weighted reciprocal rank fusion: a chunk's score is the sum of weight/(k + rank) over the rankings it appears in.</summary>
    public static IReadOnlyList<ScoredChunk> Fuse(IReadOnlyList<(IReadOnlyList<ScoredChunk> Ranking, double Weight)> rankings, double k)
    {
        var scores = new Dictionary<string, (ScoredChunk Chunk, double Score)>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var item = ranking[rank];
                var add = weight / (k + rank + 1);
                scores[item.Chunk.Id] = scores.TryGetValue(item.Chunk.Id, out var existing)
                    ? (existing.Chunk, existing.Score + add)
                    : (item, add);
            }
        }
        return scores.Values
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Chunk.Chunk.Id, StringComparer.Ordinal)
            .Select(x => new ScoredChunk(x.Chunk.Chunk, x.Score))
            .ToList();
    }
}
