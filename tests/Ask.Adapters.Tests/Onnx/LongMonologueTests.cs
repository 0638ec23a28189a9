using Ask.Adapters.EmbeddedIndex;
using Ask.Adapters.Onnx;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing.Episodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.Onnx;

/// <summary>
/// Failure mode 4: an encoder silently truncates input past its window, so the tail of a long chunk
/// would never be found. Uses the real bundled MiniLM encoder and its tokenizer.
/// </summary>
public sealed class LongMonologueTests : IDisposable
{
    private static readonly string[] Topics =
        ["warehouses", "dashboards", "streaming", "notebooks", "contracts", "lineage", "testing", "budgets", "hiring", "alerts"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-onnx-" + Guid.NewGuid().ToString("N"));

    private static string Monologue()
    {
        var sentences = Enumerable.Range(0, 50)
            .Select(i => $"Point {i} is that our team learned something about {Topics[i % Topics.Length]} the hard way.")
            .ToList();
        sentences.Add("In the end we fixed it by tagging every zebra migration photo from the Serengeti cameras before training.");
        return string.Join(' ', sentences);
    }

    [Fact]
    public async Task Ingest_600WordLine_EveryChunkFitsTheWindowAndTheTailIsFound()
    {
        await using var services = new ServiceCollection().AddOnnxEmbeddings(new OnnxEmbeddingOptions()).BuildServiceProvider();
        var tokens = services.GetRequiredService<ITokenCounter>();
        var embedder = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        using var index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        var monologue = Monologue();
        var episode = new Episode("long-talk", "A long talk", [new TranscriptLine(0, "Guest", monologue), new TranscriptLine(300, "Host", "Thanks.")]);
        var chunking = new ChunkingOptions { TargetWords = 600 };
        var chunker = new Chunker(Options.Create(chunking), tokens);

        await TestIngestion.IngestAsync(index, embedder, tokens, chunking, episode);
        var chunks = chunker.Chunk(episode);
        var retriever = new Retriever(index, embedder, Options.Create(new RetrievalOptions()));
        var hit = await retriever.SearchAsync("zebra migration photos from the Serengeti", 1, null, default, RetrievalMode.Dense);

        Assert.True(TextStatistics.CountWords(monologue) >= 600);
        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.True(tokens.CountTokens(c.ContextualText) + 2 <= tokens.MaxTokens, $"chunk {c.Ordinal}: {tokens.CountTokens(c.ContextualText)} tokens"));
        Assert.Contains("Serengeti", hit.Passages[0].Text);
    }

    [Fact]
    public void TokenCounter_CountsWordPiecesOfTheBundledVocabulary()
    {
        using var services = new ServiceCollection().AddOnnxEmbeddings(new OnnxEmbeddingOptions()).BuildServiceProvider();
        var sut = services.GetRequiredService<ITokenCounter>();

        Assert.Equal(256, sut.MaxTokens);
        // hello world , ku ##be ##flow is a pain !
        Assert.Equal(10, sut.CountTokens("Hello world, Kubeflow is a pain!"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
