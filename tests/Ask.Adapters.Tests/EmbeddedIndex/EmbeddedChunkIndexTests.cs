using Ask.Adapters.EmbeddedIndex;
using Ask.Core;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Tests.EmbeddedIndex;

public sealed class EmbeddedChunkIndexTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("test-embedder", 16);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-embedded-" + Guid.NewGuid().ToString("N"));

    private EmbeddedChunkIndex NewIndex() => new(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);

    private static IndexUpdate Update(params IndexedEpisode[] episodes) => new(Space, episodes, []);

    [Fact]
    public async Task Apply_WriterFailsHalfway_PreviousGenerationStillServes()
    {
        using (var first = NewIndex())
            await first.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(4, "kubernetes clusters").Build(Space)), default);

        using var sut = NewIndex();
        var query = TestEpisodeBuilder.VectorFor("ep-a", 2, Space.Dimensions);
        var before = await sut.SearchDenseAsync(query, 1, SearchFilter.None, default);
        sut.CreateFile = path => new FailingStream(new FileStream(path, FileMode.CreateNew), failAfterBytes: 1000);

        var error = await Assert.ThrowsAsync<AskException>(() =>
            sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(40, "feature stores").Build(Space)), default));
        Assert.Contains("No space left on device", error.Message);
        Assert.Contains("previous index is unchanged", error.Message);

        using var reopened = NewIndex();
        var after = await reopened.SearchDenseAsync(query, 1, SearchFilter.None, default);
        Assert.Equal(before[0].Chunk.Id, after[0].Chunk.Id);
        Assert.Equal(["ep-a"], (await reopened.GetEpisodeFingerprintsAsync(default)).Keys);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory, "*.tmp"));
    }

    [Fact]
    public async Task Open_LeftoverTempFolderFromKilledIngest_IsRemoved()
    {
        using (var first = NewIndex())
            await first.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        var leftover = Path.Combine(_directory, "gen-20260101000000000-abcdef.tmp");
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "chunks.json"), "[{\"episode\":");

        using var sut = NewIndex();
        Assert.Equal(2, await sut.CountAsync(default));
        Assert.False(Directory.Exists(leftover));
    }

    [Fact]
    public async Task Search_AnotherProcessSwitchedGeneration_ServesTheNewOneOnceTheCheckIntervalHasPassed()
    {
        var time = new FakeTimeProvider();
        var options = new EmbeddedIndexOptions { Directory = _directory };
        using var serving = new EmbeddedChunkIndex(options, time);
        Assert.Equal(0, await serving.CountAsync(default));

        using (var ingest = NewIndex())
            await ingest.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(3).Build(Space)), default);

        // A search does not look at the folder again before the interval: the switch is seen at the next check.
        Assert.Equal(0, await serving.CountAsync(default));
        time.Advance(options.ReloadCheckInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await serving.CountAsync(default));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await serving.CountAsync(default));
    }

    [Fact]
    public async Task Load_CorruptCurrentGeneration_ClearErrorNamingTheFolder()
    {
        using (var first = NewIndex())
            await first.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        var generation = (await File.ReadAllTextAsync(Path.Combine(_directory, "CURRENT"))).Trim();
        await File.WriteAllTextAsync(Path.Combine(_directory, generation, "vectors.f32"), "xx");

        using var sut = NewIndex();
        var error = await Assert.ThrowsAsync<AskException>(() => sut.CountAsync(default));
        Assert.Contains(generation, error.Message);
        Assert.Contains("--rebuild", error.Message);
    }

    [Fact]
    public async Task Apply_AfterSwitch_TheCurrentAndThePreviousGenerationRemainOnDisk()
    {
        using var sut = NewIndex();
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        var first = CurrentName();
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(2).Build(Space)), default);
        var second = CurrentName();
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-c").WithChunks(2).Build(Space)), default);

        var onDisk = Directory.EnumerateDirectories(_directory, "gen-*").Select(d => Path.GetFileName(d)).Order().ToArray();
        Assert.Equal(new[] { second, CurrentName() }.Order(), onDisk);
        Assert.DoesNotContain(first, onDisk);
        Assert.Equal(6, await sut.CountAsync(default));
    }

    [Fact]
    public async Task Load_CurrentGenerationDamaged_ServesThePreviousOneAndLogsWhy()
    {
        using (var writer = NewIndex())
        {
            await writer.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
            await writer.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(3).Build(Space)), default);
        }
        var damaged = CurrentName();
        FlipOneByte(Path.Combine(_directory, damaged, "chunks.json"));
        var log = new ListLogger();

        using var sut = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System, logger: log);

        Assert.Equal(2, await sut.CountAsync(default));
        Assert.Equal(["ep-a"], (await sut.GetEpisodeFingerprintsAsync(default)).Keys);
        var error = Assert.Single(log.Errors);
        Assert.Contains(damaged, error);
        Assert.Contains("checksum", error);
        Assert.Contains("serving the previous generation", error);
    }

    [Fact]
    public async Task Reload_NewGenerationUnreadable_KeepsServingTheLoadedOne()
    {
        using var serving = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory, ReloadCheckInterval = TimeSpan.Zero }, TimeProvider.System);
        using (var writer = NewIndex())
            await writer.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        Assert.Equal(2, await serving.CountAsync(default));

        // Another process switches CURRENT to a generation that turns out to be unreadable.
        Directory.CreateDirectory(Path.Combine(_directory, "gen-29991231000000000-broken"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "gen-29991231000000000-broken", "manifest.json"), "{\"formatVersion\":");
        await File.WriteAllTextAsync(Path.Combine(_directory, "CURRENT"), "gen-29991231000000000-broken");

        Assert.Equal(2, await serving.CountAsync(default));
        Assert.Equal(["ep-a"], (await serving.GetEpisodeFingerprintsAsync(default)).Keys);
    }

    [Fact]
    public async Task Rebuild_OnlyGenerationDamaged_WritesANewOneWithoutReadingIt()
    {
        using (var first = NewIndex())
            await first.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        var damaged = CurrentName();
        await File.WriteAllTextAsync(Path.Combine(_directory, damaged, "manifest.json"), "not json");
        using var sut = NewIndex();
        await Assert.ThrowsAsync<AskException>(() => sut.CountAsync(default));

        await sut.ApplyAsync(new IndexUpdate(Space, [new TestEpisodeBuilder("ep-b").WithChunks(3).Build(Space)], [], Rebuild: true), default);

        Assert.Equal(3, await sut.CountAsync(default));
        Assert.NotEqual(damaged, CurrentName());
    }

    [Fact]
    public async Task Apply_AnotherWriterHoldsTheIndexLock_FailsClearlyAndLeavesTheIndexAlone()
    {
        using var first = NewIndex();
        await first.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        using var held = new FileStream(Path.Combine(_directory, ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using var sut = NewIndex();

        var error = await Assert.ThrowsAsync<AskException>(() => sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(2).Build(Space)), default));

        Assert.Contains("Another ingest", error.Message);
        Assert.Equal(2, await sut.CountAsync(default));
    }

    [Fact]
    public async Task Write_ManifestListsEveryFileWithSizeAndChecksum()
    {
        using var sut = NewIndex();
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        var folder = Path.Combine(_directory, CurrentName());

        var manifest = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).RootElement;

        Assert.Equal(2, manifest.GetProperty("formatVersion").GetInt32());
        var files = manifest.GetProperty("files");
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("manifest.json")))
        {
            var entry = files.GetProperty(Path.GetRelativePath(folder, file).Replace('\\', '/'));
            Assert.Equal(new FileInfo(file).Length, entry.GetProperty("size").GetInt64());
            Assert.Equal(64, entry.GetProperty("sha256").GetString()!.Length);
        }
    }

    private string CurrentName() => File.ReadAllText(Path.Combine(_directory, "CURRENT")).Trim();

    private static void FlipOneByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(path, bytes);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<EmbeddedChunkIndex>
    {
        public List<string> Errors { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error) lock (Errors) Errors.Add(formatter(state, exception));
        }
    }

    /// <summary>A disk that fills up: writes succeed until <c>failAfterBytes</c>, then throw.</summary>
    private sealed class FailingStream(Stream inner, long failAfterBytes) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAfterBytes) throw new IOException("No space left on device (simulated).");
            inner.Write(buffer);
            _written += buffer.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
