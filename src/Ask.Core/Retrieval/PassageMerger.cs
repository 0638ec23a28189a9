namespace Ask.Core.Retrieval;

/// <summary>
/// Turns a ranked chunk list into passages: a chunk adjacent to a better-ranked chunk of the same
/// episode joins that chunk's passage instead of appearing as a near-duplicate of the same moment.
/// </summary>
public static class PassageMerger
{
    // Three chunks (~450 words) is the longest moment worth reading as one passage.
    private const int MaxChunksPerPassage = 3;

    private static List<ScoredChunk>? FindNeighbour(List<(List<ScoredChunk> Members, double Score)> groups, ScoredChunk item)
    {
        foreach (var (members, _) in groups)
        {
            if (members[0].Chunk.EpisodeId != item.Chunk.EpisodeId) continue;
            var ordinal = item.Chunk.Ordinal;
            if (members.Any(m => Math.Abs(m.Chunk.Ordinal - ordinal) <= 1)) return members;
        }
        return null;
    }

    private static int Span(List<ScoredChunk> members) => members.Max(m => m.Chunk.Ordinal) - members.Min(m => m.Chunk.Ordinal);

    public static IReadOnlyList<Passage> Merge(IReadOnlyList<ScoredChunk> ranked, int limit, bool mergeNeighbours)
    {
        var groups = new List<(List<ScoredChunk> Members, double Score)>();
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            var item = ranked[rank];
            if (mergeNeighbours && FindNeighbour(groups, item) is { } group)
            {
                // Only a neighbour that ranks near the top is the same moment; one far down the list is
                // merely adjacent and would stretch the passage past what answers the question. Either
                // way it is not returned on its own as a near-duplicate of a better passage.
                if (rank < limit * 2 && Span(group) < MaxChunksPerPassage - 1) group.Add(item);
                continue;
            }
            if (groups.Count < limit) groups.Add(([item], item.Score));
        }
        return groups
            .Select(g => new Passage(g.Members.OrderBy(m => m.Chunk.Ordinal).Select(m => m.Chunk).ToArray(), g.Score))
            .ToList();
    }
}
