using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Retrieval;

namespace Ask.Cli.Tests.Faults;

/// <summary>
/// What an index serves, taken through the same public API the service uses: the episodes and their
/// fingerprints, every chunk with its text and its similarity to a fixed query vector, BM25 scores and
/// word vectors. Two snapshots match when they serve the same generation content (vectors compared to
/// 1e-4: the encoder may differ in the last bits when a batch is made up differently).
/// </summary>
internal sealed record IndexSnapshot(
    int EpisodeCount,
    string Episodes,
    IReadOnlyDictionary<string, (string Text, double Score)> Dense,
    IReadOnlyDictionary<string, double> Lexical,
    IReadOnlyList<double?> Words)
{
    public static async Task<IndexSnapshot> TakeAsync(string dataDirectory)
    {
        using var index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = Path.Combine(dataDirectory, "index") }, TimeProvider.System);
        var fingerprints = await index.GetEpisodeFingerprintsAsync(default);
        var episodes = await index.ListEpisodesAsync(default);
        var count = (int)await index.CountAsync(default);
        var space = await index.GetEmbeddingSpaceAsync(default);
        var dims = space?.Dimensions ?? 384;
        var query = Enumerable.Range(0, dims).Select(i => MathF.Sin(i * 0.37f)).ToArray();
        var dense = count == 0 ? [] : await index.SearchDenseAsync(query, count, SearchFilter.None, default);
        var lexical = count == 0 ? [] : await index.SearchLexicalAsync("vendor warehouse feature store fraud labels", count, SearchFilter.None, default);
        return new IndexSnapshot(
            fingerprints.Count,
            string.Join("\n", fingerprints.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))
                + "\n" + string.Join("\n", episodes.Select(e => $"{e.Id}|{e.Title}|{e.Chunks}")) + $"\n{space}",
            dense.ToDictionary(h => h.Chunk.Id, h => (h.Chunk.Text, h.Score)),
            lexical.ToDictionary(h => h.Chunk.Id, h => h.Score),
            new[] { "warehouse", "parcel", "labels", "drift" }.Select(w => index.WordSimilarity(w, query)).ToArray());
    }

    public bool Matches(IndexSnapshot other) =>
        Episodes == other.Episodes
        && Dense.Count == other.Dense.Count
        && Dense.All(d => other.Dense.TryGetValue(d.Key, out var o) && o.Text == d.Value.Text && Math.Abs(o.Score - d.Value.Score) < 1e-4)
        && Lexical.Count == other.Lexical.Count
        && Lexical.All(l => other.Lexical.TryGetValue(l.Key, out var o) && Math.Abs(o - l.Value) < 1e-4)
        && Words.Count == other.Words.Count
        && Words.Zip(other.Words).All(w => w.First is null ? w.Second is null : w.Second is not null && Math.Abs(w.First.Value - w.Second.Value) < 1e-3);

    public override string ToString() => $"{Dense.Count} chunks; {Episodes.Replace('\n', ' ')}";
}
