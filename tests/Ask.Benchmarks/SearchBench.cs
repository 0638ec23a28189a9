using Ask.Hosting.Evaluation;
using System.Diagnostics;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// Latency of a search as the service runs it (query embedding included), over the golden questions
/// repeated up to <c>--n</c>; the bare query embedding is the baseline. Then the process's peak memory.
/// Run it in a process of its own so the peak is that of serving, not of ingesting.
/// </summary>
internal static class SearchBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Select(q => q.Question).ToArray();
        var n = args.Int("n", 200);
        await using var services = args.BuildServices();
        var index = services.GetRequiredService<IChunkIndex>();
        var loadClock = Stopwatch.StartNew();
        var chunks = await index.CountAsync(default);
        Console.WriteLine($"index load (first use: chunks, vectors, Lucene reader): {chunks} chunks in {loadClock.Elapsed.TotalMilliseconds:F0} ms");
        var retriever = services.GetRequiredService<Retriever>();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        for (var i = 0; i < 10; i++) await retriever.SearchAsync(questions[i % questions.Length], 5, null, default);

        var embed = new List<double>();
        var search = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var q = questions[i % questions.Length] + (i >= questions.Length ? $" ({i / questions.Length})" : "");
            var clock = Stopwatch.StartNew();
            await embedder.GenerateVectorAsync(q, QueryEmbedding.Options);
            embed.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await retriever.SearchAsync(q, 5, null, default);
            search.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"query embedding only (baseline): p50 {Stats.Percentile(embed, 50):F2} ms, p95 {Stats.Percentile(embed, 95):F2} ms");
        Console.WriteLine($"search ({n} queries, hybrid, k=5): p50 {Stats.Percentile(search, 50):F2} ms, p95 {Stats.Percentile(search, 95):F2} ms (goal p50 <= 15 ms); " +
                          $"ratio to embedding p50 {Stats.Percentile(search, 50) / Stats.Percentile(embed, 50):F2}");
        Console.WriteLine($"peak memory of this serving process: {Stats.PeakMemoryMb():F0} MB (goal <= 600 MB)");
        return 0;
    }
}
