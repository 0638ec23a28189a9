using Ask.Adapters.EmbeddedIndex;

namespace Ask.Benchmarks;

/// <summary>
/// The embedded store's dense search as it is (an 8-bit scan, then exact scores for its shortlist) against the
/// exact scan of every float vector, on the same generation and the same query vectors, alternating so machine
/// noise hits both: latency, and how many of the exact top rows the fast search returns.
/// </summary>
internal static class DenseScan
{
    /// <summary>Rows the retriever asks dense search for (its default candidates).</summary>
    private const int K = 50;

    public sealed record Result(int K, int Queries, double ExactP50, double QuantizedP50, double MeanRecall, double LowestRecall, int Identical);

    public static Result Compare(string indexFolder, IReadOnlyList<float[]> queries)
    {
        var name = File.ReadAllText(Path.Combine(indexFolder, EmbeddedChunkIndex.CurrentFile)).Trim();
        using var generation = IndexGeneration.Load(Path.Combine(indexFolder, name));
        var exactMs = new List<double>();
        var quantizedMs = new List<double>();
        var recalls = new List<double>();
        var identical = 0;
        foreach (var raw in queries)
        {
            var query = VectorSearch.Normalize(raw);
            var clock = TimeProvider.System.GetTimestamp();
            var exact = VectorSearch.TopK(generation.Vectors, generation.Manifest.Dimensions, query, K, null);
            exactMs.Add(TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds);
            clock = TimeProvider.System.GetTimestamp();
            var fast = generation.Quantized.TopK(query, K, null);
            quantizedMs.Add(TimeProvider.System.GetElapsedTime(clock).TotalMilliseconds);
            var found = fast.Select(f => f.Row).ToHashSet();
            recalls.Add(exact.Count(e => found.Contains(e.Row)) / (double)Math.Max(1, exact.Count));
            if (exact.Select(e => e.Row).SequenceEqual(fast.Select(f => f.Row))) identical++;
        }
        return new Result(K, queries.Count, Stats.Percentile(exactMs, 50), Stats.Percentile(quantizedMs, 50), recalls.Average(), recalls.Min(), identical);
    }
}
