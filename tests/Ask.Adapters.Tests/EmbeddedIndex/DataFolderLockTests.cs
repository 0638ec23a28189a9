using Ask.Adapters.EmbeddedIndex;
using Ask.Core;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Ask.Testing.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.EmbeddedIndex;

public sealed class DataFolderLockTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-lock-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Acquire_HeldByAnother_WaitsSayingSoThenGetsItWhenReleased()
    {
        var time = new ObservedTimeProvider();
        var sut = new DataFolderLock(_directory, time);
        var first = await sut.AcquireAsync(TimeSpan.FromSeconds(1), () => Assert.Fail("nothing held it"), default);
        var waited = 0;

        var second = sut.AcquireAsync(TimeSpan.FromSeconds(30), () => waited++, default);
        // Its first poll found the lock held and now waits on the clock for the next one.
        await time.WaitForTimersAsync(1);
        Assert.False(second.IsCompleted);
        first.Dispose();
        time.Advance(DataFolderLock.Poll);

        (await second.WaitAsync(ObservedTimeProvider.Guard)).Dispose();
        Assert.Equal(1, waited);
    }

    [Fact]
    public async Task Acquire_HeldPastTheTimeout_ClearErrorNamingTheLockFile()
    {
        var time = new ObservedTimeProvider();
        var sut = new DataFolderLock(_directory, time);
        using var held = await sut.AcquireAsync(TimeSpan.Zero, () => { }, default);

        var waiting = sut.AcquireAsync(TimeSpan.FromSeconds(5), () => { }, default);
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromSeconds(4));
        await time.WaitForTimersAsync(2);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<AskException>(() => waiting.WaitAsync(ObservedTimeProvider.Guard));

        Assert.Contains(Path.Combine(_directory, "ingest.lock"), error.Message);
        Assert.Contains("Another ingest", error.Message);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Ingest_WhileAnotherHoldsTheLock_ReadsAndEmbedsNothingUntilItIsReleased()
    {
        var reader = new InMemoryEpisodeReader();
        reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var embedder = new HashingEmbeddingGenerator();
        using var index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = Path.Combine(_directory, "index") }, TimeProvider.System);
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        var time = new ObservedTimeProvider();
        var folderLock = new DataFolderLock(_directory, time);
        var pipeline = new IngestionPipeline(reader, new Chunker(chunking, new WordBasedTokenCounter(256)), embedder, index, chunking,
            Options.Create(new IngestionOptions()), NullLogger<IngestionPipeline>.Instance, ingestLock: folderLock);
        var stages = new List<IngestStage>();
        var held = await folderLock.AcquireAsync(TimeSpan.Zero, () => { }, default);

        var ingest = pipeline.RunAsync(new IngestRequest(["/episodes"]), new SyncProgress(p => { lock (stages) stages.Add(p.Stage); }), default);
        // The ingest found the lock held and waits on the clock for its next poll.
        await time.WaitForTimersAsync(1);
        Assert.False(ingest.IsCompleted);
        Assert.Equal(0, embedder.TextsEmbedded);
        lock (stages) Assert.Equal([IngestStage.WaitingForLock], stages);
        held.Dispose();
        time.Advance(DataFolderLock.Poll);

        var report = await ingest.WaitAsync(ObservedTimeProvider.Guard);
        Assert.Equal(["lean-mlops"], report.New);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private sealed class SyncProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
