using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>The embedded index's answer to "which words does the archive use at all".</summary>
public sealed class ArchiveVocabularyTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-vocabulary-" + Guid.NewGuid().ToString("N"));
    private EmbeddedChunkIndex _index = null!;

    public async Task InitializeAsync()
    {
        _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        await TestIngestion.IngestAsync(_index, new HashingEmbeddingGenerator("hashing-test", 512), new WordBasedTokenCounter(256),
            new ChunkingOptions { TargetWords = 40, MinWords = 5 }, SampleTranscripts.LeanMlops(),
            SampleTranscripts.Episode("orchestrators", "Orchestrators Compared", (0, "Guest", "We compared Airflow and Dagster for orchestration of batch pipelines.")));
    }

    [Fact]
    public void UnknownWords_WordsNoTranscriptContains_AreUnknownInflectionsAndStopWordsAreNot()
    {
        Assert.Equal(["sourdough"], _index.UnknownWords("the Kubeflow pipelines with sourdough"));
        Assert.Empty(_index.UnknownWords("kubeflows and YAML FILES, the of"));
    }

    public Task DisposeAsync()
    {
        _index.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
