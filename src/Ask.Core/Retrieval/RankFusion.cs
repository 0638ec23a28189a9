namespace Ask.Core.Retrieval;

/// <summary>Weighted reciprocal rank fusion: a chunk's score is the sum of weight/(k + rank) over the rankings it appears in.</summary>
public static class RankFusion
{
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
