using Ask.Hosting.Evaluation;
using Ask.Core.Evaluation;
using Ask.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>hit@1 and hit@k (span and episode) of each retrieval mode over the answerable golden questions.</summary>
internal static class RetrievalBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden")).Where(q => q.IsAnswerable).ToArray();
        var k = args.Int("k", 5);
        await using var services = args.BuildServices();
        var retriever = services.GetRequiredService<Retriever>();
        var verbose = args.Optional("verbose") is not null;
        Console.WriteLine($"{questions.Length} answerable questions, k={k}, span hit = right episode and within {RetrievalJudge.SpanToleranceSec} s of the span");
        foreach (var mode in new[] { RetrievalMode.Lexical, RetrievalMode.Dense, RetrievalMode.Hybrid })
        {
            int span1 = 0, spanK = 0, episodeK = 0;
            double mrr = 0;
            foreach (var q in questions)
            {
                var result = await retriever.SearchAsync(q.Question, k, null, default, mode);
                var rank = RetrievalJudge.FirstRank(result.Passages, p => RetrievalJudge.IsSpanHit(q, p));
                if (rank == 1) span1++;
                if (rank is not null) { spanK++; mrr += 1.0 / rank.Value; }
                if (RetrievalJudge.FirstRank(result.Passages, p => RetrievalJudge.IsEpisodeHit(q, p)) is not null) episodeK++;
                if (verbose && mode == RetrievalMode.Hybrid && rank is null)
                    Console.WriteLine($"  miss {q.Id}: {q.Question} -> {string.Join(" | ", result.Passages.Take(3).Select(p => $"{p.EpisodeId}@{p.StartSec}"))}");
            }
            var n = (double)questions.Length;
            Console.WriteLine($"{mode,-8} span-hit@1 {span1 / n:P0}  span-hit@{k} {spanK / n:P0}  episode-hit@{k} {episodeK / n:P0}  MRR@{k} {mrr / n:F3}");
        }
        return 0;
    }
}
