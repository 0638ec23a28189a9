using System.Diagnostics;
using Ask.Adapters.Onnx;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Benchmarks;

/// <summary>
/// Full ingest of a corpus against the baseline the issue names: the raw embedder alone over the same
/// chunks, measured in the same run. Then a re-ingest with nothing changed.
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
        var texts = new List<string>();
        await foreach (var result in reader.ReadAsync([corpus], default))
            if (result.Episode is { HasTranscript: true } episode) texts.AddRange(chunker.Chunk(episode).Select(c => c.ContextualText));
        var encoder = services.GetRequiredService<OnnxEmbeddingGenerator>();
        // An even spread over the corpus, so the sample has the corpus's mix of chunk lengths.
        var limit = Math.Min(texts.Count, args.Int("baseline-chunks", texts.Count));
        var sample = Enumerable.Range(0, limit).Select(i => texts[(int)((long)i * texts.Count / limit)]).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < sample.Length; i += 32)
            await encoder.GenerateAsync(sample.Skip(i).Take(32).ToArray());
        var rawSeconds = clock.Elapsed.TotalSeconds;
        var rawRate = sample.Length / rawSeconds;
        Console.WriteLine($"baseline: raw embedder, {sample.Length} chunks in {rawSeconds:F1} s = {rawRate:F2} chunks/s");

        var pipeline = services.GetRequiredService<IngestionPipeline>();
        clock.Restart();
        var report = await pipeline.RunAsync(new IngestRequest([corpus]), null, default);
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var expectedEmbed = report.Chunks / rawRate;
        Console.WriteLine($"full ingest: {report.New.Count} episodes, {report.Chunks} chunks in {ingestSeconds:F1} s = {report.Chunks / ingestSeconds:F2} chunks/s " +
                          $"(embedding {report.EmbeddingElapsed.TotalSeconds:F1} s, index write {report.WriteElapsed.TotalSeconds:F1} s, skipped {report.Skipped.Count})");
        Console.WriteLine($"overhead: full ingest / raw embedding of the same chunks = {ingestSeconds / expectedEmbed:F3} (goal <= 1.25)");

        clock.Restart();
        var again = await pipeline.RunAsync(new IngestRequest([corpus]), null, default);
        Console.WriteLine($"re-ingest unchanged: {again.Unchanged.Count} unchanged, {again.Chunks} chunks embedded, {clock.Elapsed.TotalSeconds:F2} s (goal <= 10 s)");
        return 0;
    }
}
