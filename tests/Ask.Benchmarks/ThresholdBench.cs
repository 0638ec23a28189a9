using Ask.Hosting.Evaluation;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Benchmarks;

/// <summary>
/// How close the extractive answerer's evidence comes to answerable and to unanswerable golden
/// questions — the best sentence, its mean with the nearest chunk (support), and the sources' nearest
/// word to each word no transcript contains — and how many of each kind the not-in-archive rules refuse
/// at each threshold.
/// </summary>
internal static class ThresholdBench
{
    private sealed record Scored(bool Answerable, double Best, double Nearest, double? WordMatch)
    {
        public double Support => (Best + Nearest) / 2;
    }

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var questions = GoldenQuestionFile.Load(args.Required("golden"));
        // The threshold rules off, so every question's scores are measured; the key-term rule stays as configured.
        await using var services = args.BuildServices(
            ("Answering:NotInArchiveThreshold", "0"), ("Answering:SupportThreshold", "0"), ("Answering:UnknownWordMatch", "0"));
        var retriever = services.GetRequiredService<Retriever>();
        var extractive = services.GetRequiredService<ExtractiveAnswerer>();
        var unknownWords = new UnknownWordCheck(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            services.GetService<IArchiveVocabulary>(), services.GetService<IWordVectors>());
        var defaults = new AnswerOptions();
        var sourcesPerQuestion = services.GetRequiredService<IOptions<AnswerOptions>>().Value.Sources;
        var scored = new List<Scored>();
        foreach (var q in questions)
        {
            var retrieval = await retriever.SearchAsync(q.Question, sourcesPerQuestion, null, default);
            var sources = AnswerSource.NumberAll(retrieval.Passages);
            // With Answering:RequireKeyTerms (the default) a question naming something no source mentions scores 0.
            var result = await extractive.AnswerAsync(q.Question, retrieval.QueryVector!.Value, sources, retrieval.NearestSimilarity, default);
            var matches = await unknownWords.MatchAsync(q.Question, sources, default);
            var s = new Scored(q.IsAnswerable, result.BestSimilarity, result.BestSimilarity > 0 ? retrieval.NearestSimilarity ?? 0 : 0,
                matches.Count > 0 ? matches.Min(m => m.Similarity) : null);
            scored.Add(s);
            if (args.Optional("verbose") is not null)
                Console.WriteLine($"  {(q.IsAnswerable ? "A" : "U")} sentence {s.Best:F3} nearest chunk {s.Nearest:F3} support {s.Support:F3} " +
                                  $"missing [{string.Join(", ", KeyTerms.MissingFrom(q.Question, sources))}] " +
                                  $"unknown [{string.Join(", ", matches.Select(m => $"{m.Word}~{m.Closest} {m.Similarity:F2}"))}] {q.Question}" +
                                  $"\n    -> {result.Answer.Status}: {result.Answer.Text.ReplaceLineEndings(" | ")}");
        }
        var answerable = scored.Where(s => s.Answerable).ToList();
        var unanswerable = scored.Where(s => !s.Answerable).ToList();
        string Row(string label, Func<Scored, bool> refused) =>
            $"  {label}: answers {answerable.Count(s => !refused(s))}/{answerable.Count} answerable, not_in_archive for {unanswerable.Count(refused)}/{unanswerable.Count} unanswerable";
        bool Sentence(Scored s) => s.Best < defaults.NotInArchiveThreshold;
        bool Support(Scored s) => s.Support < defaults.SupportThreshold;
        bool Word(Scored s) => s.Support < defaults.UnknownWordSupport && s.WordMatch < defaults.UnknownWordMatch;

        Console.WriteLine($"best-sentence similarity: answerable n={answerable.Count} p10 {Stats.Percentile(answerable.Select(s => s.Best).ToList(), 10):F3} p50 {Stats.Percentile(answerable.Select(s => s.Best).ToList(), 50):F3}; " +
                          $"unanswerable n={unanswerable.Count} max {unanswerable.Select(s => s.Best).DefaultIfEmpty().Max():F3}");
        Console.WriteLine("not-in-archive threshold alone (best sentence), with key terms:");
        foreach (var t in new[] { 0.30, 0.35, 0.40, 0.45, 0.50 })
            Console.WriteLine(Row($"{t:F2}", s => s.Best < t));
        Console.WriteLine($"support threshold (mean of best sentence and nearest chunk), with key terms, sentence {defaults.NotInArchiveThreshold:F2} and unknown-word match {defaults.UnknownWordMatch:F2}:");
        foreach (var t in new[] { 0.0, 0.36, 0.38, 0.40, 0.42, 0.44, 0.46 })
            Console.WriteLine(Row($"{t:F2}", s => Sentence(s) || Word(s) || s.Support < t));
        Console.WriteLine($"unknown-word match (below support {defaults.UnknownWordSupport:F2}), with key terms, sentence {defaults.NotInArchiveThreshold:F2} and support {defaults.SupportThreshold:F2}:");
        foreach (var t in new[] { 0.0, 0.40, 0.45, 0.50, 0.55, 0.60 })
            Console.WriteLine(Row($"{t:F2}", s => Sentence(s) || Support(s) || (s.Support < defaults.UnknownWordSupport && s.WordMatch < t)));
        Console.WriteLine(Row("defaults", s => Sentence(s) || Support(s) || Word(s)));
        return 0;
    }
}
