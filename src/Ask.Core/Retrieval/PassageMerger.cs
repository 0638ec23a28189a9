namespace Ask.Core.Retrieval;

/// <summary>
/// Turns a ranked chunk list into passages: a chunk adjacent to a better-ranked chunk of the same
/// episode joins that chunk's passage instead of appearing as a near-duplicate of the same moment.
/// </summary>
public static class PassageMerger
{
    public static IReadOnlyList<Passage> Merge(IReadOnlyList<ScoredChunk> ranked, int limit, bool mergeNeighbours)
    {
        var groups = new List<(List<ScoredChunk> Members, double Score)>();
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            var item = ranked[rank];
            var joined = false;
            // Only a neighbour that ranks near the top is the same moment; one far down the list is
            // merely adjacent and would stretch the passage past what answers the question.
            if (mergeNeighbours && rank < limit * 2)
            {
                foreach (var group in groups)
                {
                    var members = group.Members;
                    if (members[0].Chunk.EpisodeId != item.Chunk.EpisodeId) continue;
                    var min = members.Min(m => m.Chunk.Ordinal);
                    var max = members.Max(m => m.Chunk.Ordinal);
                    // Three chunks (~450 words) is the longest moment worth reading as one passage.
                    if (max - min >= 2) continue;
                    if (item.Chunk.Ordinal == min - 1 || item.Chunk.Ordinal == max + 1)
                    {
                        members.Add(item);
                        joined = true;
                        break;
                    }
                }
            }
            if (!joined)
            {
                if (groups.Count >= limit) continue;
                groups.Add(([item], item.Score));
            }
        }
        return groups
            .Select(g => new Passage(g.Members.OrderBy(m => m.Chunk.Ordinal).Select(m => m.Chunk).ToArray(), g.Score))
            .ToList();
    }
}
