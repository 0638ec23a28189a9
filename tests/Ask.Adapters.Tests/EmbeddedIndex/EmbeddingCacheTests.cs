using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>The embedding cache on disk: what it serves again, to whom, and what it drops.</summary>
public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-cache-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryEpisodeReader _reader = new();
    private readonly HashingEmbeddingGenerator _embedder = new();
    private readonly EmbeddedChunkIndex _index;

    public EmbeddingCacheTests() => _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = Path.Combine(_directory, "index") }, TimeProvider.System);

    private static readonly IngestRequest Request = new(["/episodes"]);

    [Fact]
    public async Task EmbeddingCache_SameTextTwice_EmbeddedOnceAcrossInstances()
    {
        var cacheDir = Path.Combine(_directory, "cache");
        using (var first = new EmbeddingCache(_embedder, cacheDir))
            await first.GenerateAsync(["alpha beta", "gamma"]);
        using var second = new EmbeddingCache(_embedder, cacheDir);

        var vectors = await second.GenerateAsync(["gamma", "alpha beta", "delta"]);

        Assert.Equal(3, _embedder.TextsEmbedded);
        Assert.Equal(2, second.Hits);
        Assert.Equal(1, second.Misses);
        Assert.Equal(3, vectors.Count);
    }

    [Fact]
    public async Task Ingest_RebuildOverTheEmbeddingCache_ReportsEveryChunkAsReusedAndEncodesNone()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        using var cache = new EmbeddingCache(_embedder, Path.Combine(_directory, "cache"));
        var sut = new IngestionPipeline(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), cache, _index,
            chunking, Options.Create(new IngestionOptions { SentenceVectors = false }), NullLogger<IngestionPipeline>.Instance);

        var first = await sut.RunAsync(Request, null, default);
        var rebuild = await sut.RunAsync(Request with { Rebuild = true }, null, default);

        Assert.Equal((first.Chunks, 0), (first.ChunksEncoded, first.ChunksReused));
        Assert.Equal((rebuild.Chunks, 0), (rebuild.ChunksReused, rebuild.ChunksEncoded));
        Assert.True(rebuild.Chunks > 0);
    }

    [Fact]
    public async Task EmbeddingCache_TwoCallsAtOnce_BothReachTheEmbedderAndBothAreCached()
    {
        var inner = new GatedEmbedder(_embedder, expectedCalls: 2);
        using var cache = new EmbeddingCache(inner, Path.Combine(_directory, "cache"));

        // Each call waits inside the embedder until both are there: a cache that held its lock while
        // embedding would never let the second one in.
        var both = Task.WhenAll(cache.GenerateAsync(["alpha beta"]), cache.GenerateAsync(["gamma delta"]));
        Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(20))));

        var again = await cache.GenerateAsync(["gamma delta", "alpha beta"]);
        Assert.Equal(2, cache.Hits);
        Assert.Equal(2, again.Count);
    }

    /// <summary>An embedder that holds every call until <c>expectedCalls</c> calls are in flight together.</summary>
    private sealed class GatedEmbedder(HashingEmbeddingGenerator inner, int expectedCalls) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly TaskCompletionSource _allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (values.SingleOrDefault() == "dimension probe") return await inner.GenerateAsync(values, options, cancellationToken);
            if (Interlocked.Increment(ref _inFlight) >= expectedCalls) _allIn.TrySetResult();
            await _allIn.Task.WaitAsync(cancellationToken);
            return await inner.GenerateAsync(values, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose() { }
    }

    [Fact]
    public async Task EmbeddingCache_TruncatedRecord_DroppedNotMisread()
    {
        var cacheDir = Path.Combine(_directory, "cache");
        using (var first = new EmbeddingCache(_embedder, cacheDir))
            await first.GenerateAsync(["alpha", "beta"]);
        var file = Directory.GetFiles(cacheDir).Single();
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(stream.Length - 10);
        using var second = new EmbeddingCache(_embedder, cacheDir);

        await second.GenerateAsync(["alpha", "beta"]);

        Assert.Equal(1, second.Hits);
        Assert.Equal(1, second.Misses);
    }

    public void Dispose()
    {
        _index.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
