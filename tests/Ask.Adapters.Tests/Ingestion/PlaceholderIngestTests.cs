using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;

namespace Ask.Adapters.Tests.Ingestion;

/// <summary>The samples a fresh install serves stand in for real episodes only until real ones are ingested.</summary>
public sealed class PlaceholderIngestTests : IDisposable
{
    private static readonly ChunkingOptions Chunking = new() { TargetWords = 30, MinWords = 5 };
    private static readonly HashSet<string> Samples = ["sample-one"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-placeholders-" + Guid.NewGuid().ToString("N"));
    private readonly EmbeddedChunkIndex _index;

    public PlaceholderIngestTests() => _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);

    private static Episode Sample() => SampleTranscripts.FeatureStores() with { Id = "sample-one", IsSample = true };

    private Task<IngestReport> IngestAsync(params Episode[] episodes) =>
        TestIngestion.IngestAsync(_index, new HashingEmbeddingGenerator(), new WordBasedTokenCounter(256), Chunking,
            new IngestRequest(["/episodes"], Placeholders: Samples), episodes);

    private async Task<IEnumerable<string>> IndexedAsync() =>
        (await _index.GetEpisodeFingerprintsAsync(default)).Keys.Order(StringComparer.Ordinal);

    [Fact]
    public async Task Ingest_RealEpisodesIntoAnIndexOfSamples_RemovesTheSamplesWithoutPrune()
    {
        await IngestAsync(Sample());

        var report = await IngestAsync(SampleTranscripts.LeanMlops());

        Assert.Equal(["sample-one"], report.Removed);
        Assert.Equal(["lean-mlops"], await IndexedAsync());
    }

    [Fact]
    public async Task Ingest_TheSamplesAgain_KeepsThem()
    {
        await IngestAsync(Sample());

        var report = await IngestAsync(Sample());

        Assert.Empty(report.Removed);
        Assert.Equal(["sample-one"], await IndexedAsync());
    }

    [Fact]
    public async Task Ingest_NothingReadable_KeepsTheSamplesServing()
    {
        await IngestAsync(Sample());

        var report = await IngestAsync();

        Assert.Empty(report.Removed);
        Assert.Equal(["sample-one"], await IndexedAsync());
    }

    public void Dispose()
    {
        _index.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
