using Ask.Hosting.Evaluation;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// How close the extractive answerer's best sentence comes to answerable and to unanswerable golden
/// questions, and the not-in-archive threshold that separates them best (balanced accuracy).
/// </summary>
internal static class ThresholdBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden"));
        await using var services = args.BuildServices();
        var retriever = services.GetRequiredService<Retriever>();
        var extractive = services.GetRequiredService<ExtractiveAnswerer>();
        var sourcesPerQuestion = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnswerOptions>>().Value.Sources;
        var answerable = new List<double>();
        var unanswerable = new List<double>();
        foreach (var q in questions)
        {
            var retrieval = await retriever.SearchAsync(q.Question, sourcesPerQuestion, null, default);
            var sources = AnswerSource.NumberAll(retrieval.Passages);
            // With Answering:RequireKeyTerms (the default) a question naming something no source mentions scores 0.
            var result = await extractive.AnswerAsync(q.Question, retrieval.QueryVector!.Value, sources, default);
            if (args.Optional("verbose") is not null)
                Console.WriteLine($"  {(q.IsAnswerable ? "A" : "U")} {result.BestSimilarity:F3} missing [{string.Join(", ", KeyTerms.MissingFrom(q.Question, sources))}] unknown [{string.Join(", ", extractive.UnknownWords(q.Question))}] {result.Answer.Status} {q.Question}");
            (q.IsAnswerable ? answerable : unanswerable).Add(result.BestSimilarity);
        }
        Console.WriteLine($"best-sentence similarity: answerable n={answerable.Count} p10 {Stats.Percentile(answerable, 10):F3} p50 {Stats.Percentile(answerable, 50):F3}; " +
                          $"unanswerable n={unanswerable.Count} p50 {Stats.Percentile(unanswerable, 50):F3} p90 {Stats.Percentile(unanswerable, 90):F3} max {unanswerable.DefaultIfEmpty().Max():F3}");
        foreach (var t in new[] { 0.30, 0.35, 0.40, 0.45, 0.50, 0.55 })
            Console.WriteLine($"  threshold {t:F2}: answers {answerable.Count(s => s >= t)}/{answerable.Count} answerable, not_in_archive for {unanswerable.Count(s => s < t)}/{unanswerable.Count} unanswerable");
        var best = (Threshold: 0.0, Score: 0.0);
        for (var t = 0.20; t <= 0.80; t += 0.01)
        {
            var kept = answerable.Count(s => s >= t) / (double)Math.Max(1, answerable.Count);
            var refused = unanswerable.Count(s => s < t) / (double)Math.Max(1, unanswerable.Count);
            var balanced = (kept + refused) / 2;
            if (balanced > best.Score) best = (t, balanced);
        }
        var threshold = best.Threshold;
        Console.WriteLine($"best threshold {threshold:F2}: answers {answerable.Count(s => s >= threshold)}/{answerable.Count} answerable, " +
                          $"says not_in_archive for {unanswerable.Count(s => s < threshold)}/{unanswerable.Count} unanswerable (balanced accuracy {best.Score:P0})");
        return 0;
    }
}
