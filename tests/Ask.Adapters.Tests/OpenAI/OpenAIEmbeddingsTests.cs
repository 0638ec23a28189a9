using Ask.Adapters.EmbeddedIndex;
using Ask.Adapters.OpenAI;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing;
using Ask.Testing.Episodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.OpenAI;

/// <summary>
/// The OpenAI-compatible embedder over the wire: against a fake server always, and against a real one
/// (OpenAI, Ollama, vLLM, ...) when ASK_EMBEDDING_BASE_URL and ASK_EMBEDDING_MODEL are set.
/// </summary>
public sealed class OpenAIEmbeddingsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-openai-" + Guid.NewGuid().ToString("N"));
    private FakeOpenAIEmbeddingsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIEmbeddingsServer.StartAsync();

    private ServiceProvider Services(OpenAIEmbeddingOptions options) =>
        new ServiceCollection().AddOpenAIEmbeddings(options).BuildServiceProvider();

    [Fact]
    public async Task Embedder_SendsModelAndKey_ReturnsOneVectorPerText()
    {
        await using var services = Services(new() { BaseUrl = _server.BaseUrl, Model = "fake-embed", ApiKey = "sk-test-123" });
        var sut = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var vectors = await sut.GenerateAsync(["kubeflow yaml pain", "feature store skew"]);

        Assert.Equal(2, vectors.Count);
        Assert.Equal(48, vectors[0].Vector.Length);
        Assert.True(_server.Requests.TryPeek(out var request));
        Assert.Equal("fake-embed", request["model"]!.GetValue<string>());
        Assert.Equal("Bearer sk-test-123", _server.Authorizations.First());
    }

    [Fact]
    public async Task Ingest_ThroughTheEndpoint_LearnsTheVectorSizeAndSearches()
    {
        await using var services = Services(new() { BaseUrl = _server.BaseUrl, Model = "fake-embed" });
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        using var index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = Path.Combine(_directory, "index") }, TimeProvider.System);
        await TestIngestion.IngestAsync(index, new EmbeddingCache(embedder, Path.Combine(_directory, "cache")), services.GetRequiredService<ITokenCounter>(),
            new ChunkingOptions { TargetWords = 30, MinWords = 5 }, SampleTranscripts.LeanMlops(), SampleTranscripts.FeatureStores());
        var retriever = new Retriever(index, embedder, Options.Create(new RetrievalOptions()));
        var result = await retriever.SearchAsync("training serving skew feature store", 1, null, default);

        Assert.Equal(new EmbeddingSpace("fake-embed", 48), await index.GetEmbeddingSpaceAsync(default));
        Assert.Equal("feature-stores", result.Passages[0].EpisodeId);
    }

    [RealServerFact("ASK_EMBEDDING_BASE_URL", "ASK_EMBEDDING_MODEL")]
    public async Task RealEndpoint_WhenConfigured_EmbedsWithTheDeclaredModel()
    {
        var baseUrl = Environment.GetEnvironmentVariable("ASK_EMBEDDING_BASE_URL")!;
        var model = Environment.GetEnvironmentVariable("ASK_EMBEDDING_MODEL")!;
        await using var services = Services(new()
        {
            BaseUrl = new Uri(baseUrl), Model = model,
            ApiKey = Environment.GetEnvironmentVariable("ASK_EMBEDDING_API_KEY") ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
        });

        var space = await IngestionPipeline.EmbeddingSpaceOfAsync(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), default);

        Assert.Equal(model, space.Model);
        Assert.True(space.Dimensions > 0);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
