using Ask.Adapters.EmbeddedIndex;
using Ask.Testing.Embeddings;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>The embedding cache never serves a vector it cannot vouch for: damaged records are embedded again.</summary>
public sealed class EmbeddingCacheFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-cache-" + Guid.NewGuid().ToString("N"));
    private readonly HashingEmbeddingGenerator _embedder = new();

    private EmbeddingCache NewCache() => new(_embedder, _directory);

    private string CacheFilePath => Directory.GetFiles(_directory).Single();

    // Header 16 bytes; a record is marker 4 + key 16 + 64 floats + checksum 8.
    private const int Header = 16;
    private const int Record = 4 + 16 + 64 * 4 + 8;

    [Fact]
    public async Task Open_RecordDamagedInTheMiddle_ReEmbeddedNotServed_OthersStillServed()
    {
        using (var first = NewCache()) await first.GenerateAsync(["alpha", "beta", "gamma"]);
        var bytes = await File.ReadAllBytesAsync(CacheFilePath);
        bytes[Header + Record + 100] ^= 0x01; // one bit of beta's vector
        await File.WriteAllBytesAsync(CacheFilePath, bytes);
        using var sut = NewCache();

        var vectors = await sut.GenerateAsync(["alpha", "beta", "gamma"]);

        Assert.Equal((2, 1), (sut.Hits, sut.Misses));
        var expected = await _embedder.GenerateAsync(["beta"]);
        Assert.Equal(expected[0].Vector.ToArray(), vectors[1].Vector.ToArray());
    }

    [Fact]
    public async Task Open_GarbageBetweenRecords_RecordsAfterItStillFound()
    {
        using (var first = NewCache()) await first.GenerateAsync(["alpha"]);
        // What two unlocked writers appending at once could leave: half a record, then whole ones.
        var bytes = (await File.ReadAllBytesAsync(CacheFilePath)).ToList();
        var half = bytes.Skip(Header).Take(Record / 2).ToArray();
        using (var second = NewCache()) await second.GenerateAsync(["beta"]);
        var whole = await File.ReadAllBytesAsync(CacheFilePath);
        var mixed = whole.Take(Header + Record).Concat(half).Concat(whole.Skip(Header + Record)).ToArray();
        await File.WriteAllBytesAsync(CacheFilePath, mixed);
        using var sut = NewCache();

        await sut.GenerateAsync(["alpha", "beta"]);

        Assert.Equal((2, 0), (sut.Hits, sut.Misses));
        Assert.Equal(Header + 2 * Record, new FileInfo(CacheFilePath).Length);
    }

    [Fact]
    public async Task Open_FileOfTheOlderFormatWithoutChecksums_StartedAfreshAndReEmbedded()
    {
        Directory.CreateDirectory(_directory);
        // Format 1: bare records of a 16-byte key and the vector — nothing to check them against.
        var old = Path.Combine(_directory, "embeddings-hashing-test-64.bin");
        await File.WriteAllBytesAsync(old, new byte[2 * (16 + 64 * 4)]);
        using var sut = NewCache();

        await sut.GenerateAsync(["alpha"]);

        Assert.Equal((0, 1), (sut.Hits, sut.Misses));
        Assert.Equal(Header + Record, new FileInfo(old).Length);
        using var again = NewCache();
        await again.GenerateAsync(["alpha"]);
        Assert.Equal(1, again.Hits);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
