namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Point ids Qdrant rejects: point ids are UUIDs Qdrant accepts, identical in every process.</summary>
public sealed class ChunkPointIdTests
{
    [Fact]
    public void UuidV5_RfcExample_MatchesTheKnownValue()
    {
        // The DNS namespace and "www.example.com" have a published v5 UUID; a byte-order slip would change it.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), ChunkPointId.UuidV5(dns, "www.example.com"));
    }

    [Fact]
    public void For_SameChunk_IsPinnedAcrossProcesses()
    {
        // A constant, not a second call: any process, machine or runtime must produce exactly this id.
        Assert.Equal(new Guid("8a00fe2a-3f57-5468-807a-2a1ce9a35ccc"), ChunkPointId.For("s12e08", 3));
    }

    [Fact]
    public void For_NeighbouringChunksAndEpisodes_Differ()
    {
        var id = ChunkPointId.For("s12e08", 3);

        Assert.NotEqual(id, ChunkPointId.For("s12e08", 4));
        Assert.NotEqual(id, ChunkPointId.For("s12e09", 3));
        Assert.Equal(5, id.ToString()[14] - '0');
    }
}
