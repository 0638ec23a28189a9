using System.Diagnostics;
using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;

namespace Ask.Benchmarks;

/// <summary>
/// What the podcast filter costs the embedded index: a synthetic index of the archive's size (two
/// podcasts, seeded words and vectors, no model), searched dense and lexical without a filter (the
/// baseline), by an episode (the filter that existed before) and by each podcast. The first archive's
/// podcast is the expensive case for Lucene: its chunks carry no podcast term, so the filter is "every
/// document without one".
/// </summary>
internal static class PodcastFilterBench
{
    private const int Dimensions = 384;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var episodes = args.Int("episodes", 200);
        var chunksPerEpisode = args.Int("chunks", 75);
        var n = args.Int("n", 300);
        var folder = Path.Combine(Path.GetTempPath(), "ask-podcast-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = folder }, TimeProvider.System);
            var random = new Random(16);
            var space = new EmbeddingSpace("bench", Dimensions);
            var words = Enumerable.Range(0, 3000).Select(i => Word(random, i)).ToArray();
            var other = new Podcast("other-show", "Other Show");
            var upserts = new List<IndexedEpisode>();
            for (var e = 0; e < episodes; e++)
            {
                // A quarter of the episodes are another show's, as after adding one feed to the archive.
                var podcast = e % 4 == 3 ? other : Podcast.DataTalksClub;
                var id = EpisodeKey.For(podcast, $"episode-{e:D3}");
                var chunks = new List<EmbeddedChunk>();
                for (var c = 0; c < chunksPerEpisode; c++)
                {
                    var text = string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[(int)Math.Pow(random.NextDouble(), 2) * words.Length]));
                    var chunk = new Chunk(id, c, $"Episode {e}", null, c * 60, c * 60 + 60, text, [new ChunkLine(c * 60, "Guest", 0, text.Length, c)])
                    {
                        Podcast = podcast,
                    };
                    chunks.Add(new EmbeddedChunk(chunk, Vector(random)));
                }
                upserts.Add(new IndexedEpisode(id, "fp", chunks));
            }
            var build = Stopwatch.StartNew();
            await index.ApplyAsync(new IndexUpdate(space, upserts, []), default);
            Console.WriteLine($"synthetic index: {episodes} episodes ({episodes / 4} of another podcast), {await index.CountAsync(default)} chunks, written in {build.Elapsed.TotalSeconds:F1} s");

            var filters = new (string Name, SearchFilter Filter)[]
            {
                ("no filter (baseline)", SearchFilter.None),
                ("episode", new SearchFilter { Episodes = ["episode-042"] }),
                ("podcast datatalksclub", new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }),
                ("podcast other-show", new SearchFilter { Podcasts = [other.Id] }),
                ("both podcasts", new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id, other.Id] }),
            };
            var queries = Enumerable.Range(0, n).Select(_ => string.Join(' ', Enumerable.Range(0, 6).Select(_ => words[random.Next(words.Length)]))).ToArray();
            var vectors = Enumerable.Range(0, n).Select(_ => Vector(random)).ToArray();
            foreach (var (_, filter) in filters)
                for (var i = 0; i < 20; i++)
                {
                    await index.SearchLexicalAsync(queries[i], 50, filter, default);
                    await index.SearchDenseAsync(vectors[i], 50, filter, default);
                }

            double? lexicalBase = null, denseBase = null;
            Console.WriteLine($"{"filter",-24} {"lexical p50",12} {"p95",8} {"×",6} {"dense p50",12} {"p95",8} {"×",6}");
            foreach (var (name, filter) in filters)
            {
                var lexical = new List<double>();
                var dense = new List<double>();
                for (var i = 0; i < n; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await index.SearchLexicalAsync(queries[i], 50, filter, default);
                    lexical.Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    await index.SearchDenseAsync(vectors[i], 50, filter, default);
                    dense.Add(clock.Elapsed.TotalMilliseconds);
                }
                var (l50, d50) = (Stats.Percentile(lexical, 50), Stats.Percentile(dense, 50));
                lexicalBase ??= l50;
                denseBase ??= d50;
                Console.WriteLine($"{name,-24} {l50,9:F2} ms {Stats.Percentile(lexical, 95),5:F2} ms {l50 / lexicalBase,5:F2} {d50,9:F2} ms {Stats.Percentile(dense, 95),5:F2} ms {d50 / denseBase,5:F2}");
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static string Word(Random random, int i) =>
        new string(Enumerable.Range(0, 4 + random.Next(6)).Select(_ => (char)('a' + random.Next(26))).ToArray()) + (i % 7);

    private static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        for (var i = 0; i < v.Length; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }
}
