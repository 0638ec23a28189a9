using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.LlamaSharp.Tests.Support;

/// <summary>The sample transcripts in a real embedded index, and an <see cref="AnswerService"/> over them.</summary>
public sealed class IndexedTranscripts : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-llama-index-" + Guid.NewGuid().ToString("N"));
    private readonly HashingEmbeddingGenerator _embedder = new("hashing-test", 512);
    private EmbeddedChunkIndex _index = null!;

    public AnswerMetrics Metrics { get; } = new();

    public async Task InitializeAsync()
    {
        _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        await TestIngestion.IngestAsync(_index, _embedder, new WordBasedTokenCounter(256), new ChunkingOptions { TargetWords = 40, MinWords = 5 },
            SampleTranscripts.LeanMlops(), SampleTranscripts.FeatureStores());
    }

    public Retriever Retriever => new(_index, _embedder, Options.Create(new RetrievalOptions()));

    public AnswerService Service(IAnswerModel model, int sources = 3)
    {
        var options = Options.Create(new AnswerOptions { NotInArchiveThreshold = 0.05, SupportThreshold = 0, Sources = sources });
        return new AnswerService(Retriever, new ExtractiveAnswerer(_embedder, options), _embedder, Metrics, options, NullLogger<AnswerService>.Instance, model);
    }

    /// <summary>The numbered sources retrieval finds for <paramref name="question"/>.</summary>
    public async Task<IReadOnlyList<AnswerSource>> SourcesAsync(string question, int count = 3) =>
        AnswerSource.NumberAll((await Retriever.SearchAsync(question, count, null, default)).Passages);

    public Task DisposeAsync()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
