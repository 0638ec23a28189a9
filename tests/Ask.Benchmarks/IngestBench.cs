using System.Diagnostics;
using Ask.Adapters.Onnx;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// Full ingest of a corpus against the baseline the issue names: the raw embedder alone over the same
/// chunks, quotable sentences and words, measured in the same run. Then a re-ingest with nothing changed.
/// </summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var corpus = Path.GetFullPath(args.Required("corpus"));
        var data = Path.GetFullPath(args.Required("data"));
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        await using var services = args.BuildServices();

        // Baseline: read and chunk (untimed), then the bare encoder over every chunk in the pipeline's batch size.
        var reader = services.GetRequiredService<IEpisodeReader>();
        var chunker = services.GetRequiredService<Chunker>();
        var chunks = new List<Chunk>();
        await foreach (var result in reader.ReadAsync([corpus], default))
            if (result.Episode is { HasTranscript: true } episode) chunks.AddRange(chunker.Chunk(episode));
        var texts = chunks.Select(c => c.ContextualText).ToList();
        // The pipeline also embeds every distinct quotable sentence and word, shortest first; the baseline does the same work.
        var sentences = chunks.SelectMany(QuotableSentences.Of).Concat(chunks.SelectMany(c => VocabularyWords.Of(c.Text)))
            .Distinct(StringComparer.Ordinal).ToList();
        var encoder = services.GetRequiredService<OnnxEmbeddingGenerator>();
        var chunkRate = await RawRateAsync(encoder, Spread(texts, args.Int("baseline-chunks", texts.Count)), "chunks");
        var sentenceRate = await RawRateAsync(encoder, Spread(sentences, args.Int("baseline-sentences", sentences.Count)).OrderBy(t => t.Length).ToArray(), "sentences");

        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var clock = Stopwatch.StartNew();
        var report = await pipeline.RunAsync(new IngestRequest([corpus]), null, default);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var expectedEmbed = report.Chunks / chunkRate + (report.Sentences + report.Words) / sentenceRate;
        Console.WriteLine($"full ingest: {report.New.Count} episodes, {report.Chunks} chunks, {report.Sentences} sentences and {report.Words} words in {ingestSeconds:F1} s = {report.Chunks / ingestSeconds:F2} chunks/s " +
                          $"(chunk embedding {report.EmbeddingElapsed.TotalSeconds:F1} s, sentence and word embedding {report.SentenceEmbeddingElapsed.TotalSeconds:F1} s, " +
                          $"index write {report.WriteElapsed.TotalSeconds:F1} s, skipped {report.Skipped.Count})");
        Console.WriteLine($"overhead: full ingest / raw embedding of the same chunks, sentences and words = {ingestSeconds / expectedEmbed:F3} (goal <= 1.25)");

        clock.Restart();
        var again = await pipeline.RunAsync(new IngestRequest([corpus]), null, default);
        Console.WriteLine($"re-ingest unchanged: {again.Unchanged.Count} unchanged, {again.Chunks} chunks embedded, {clock.Elapsed.TotalSeconds:F2} s (goal <= 10 s)");
        return 0;
    }

    /// <summary>An even spread over the corpus, so a sample has the corpus's mix of lengths.</summary>
    private static string[] Spread(List<string> texts, int count)
    {
        var limit = Math.Min(texts.Count, count);
        return Enumerable.Range(0, limit).Select(i => texts[(int)((long)i * texts.Count / limit)]).ToArray();
    }

    /// <summary>
    /// The bare encoder over <paramref name="sample"/> in the pipeline's batch size, as many batches at once as
    /// the pipeline runs: texts per second.
    /// </summary>
    private static async Task<double> RawRateAsync(OnnxEmbeddingGenerator encoder, string[] sample, string what)
    {
        var clock = Stopwatch.StartNew();
        var batches = Enumerable.Range(0, (sample.Length + 31) / 32).Select(b => sample.Skip(b * 32).Take(32).ToArray()).ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (batch, ct) => await encoder.GenerateAsync(batch, cancellationToken: ct));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline: raw embedder, {sample.Length} {what} in {seconds:F1} s = {sample.Length / seconds:F2} {what}/s");
        return sample.Length / seconds;
    }
}
