using Ask.Adapters.EmbeddedIndex;
using Ask.Core;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Tests.EmbeddedIndex;

public sealed class EmbeddedChunkIndexTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("test-embedder", 16);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-embedded-" + Guid.NewGuid().ToString("N"));

    private EmbeddedChunkIndex NewIndex() => new(new EmbeddedIndexOptions { Directory = _directory });

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

        await Assert.ThrowsAsync<IOException>(() =>
            sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(40, "feature stores").Build(Space)), default));

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
    public async Task Search_AnotherProcessSwitchedGeneration_ServesTheNewOne()
    {
        using var serving = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory, ReloadCheckInterval = TimeSpan.Zero });
        Assert.Equal(0, await serving.CountAsync(default));

        using (var ingest = NewIndex())
            await ingest.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(3).Build(Space)), default);

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
    public async Task Apply_AfterSwitch_OnlyTheCurrentGenerationRemainsOnDisk()
    {
        using var sut = NewIndex();
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-a").WithChunks(2).Build(Space)), default);
        await sut.ApplyAsync(Update(new TestEpisodeBuilder("ep-b").WithChunks(2).Build(Space)), default);

        Assert.Single(Directory.EnumerateDirectories(_directory, "gen-*"));
        Assert.Equal(4, await sut.CountAsync(default));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
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
