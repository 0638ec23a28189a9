using Ask.Core;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Messages too large: upserts stay under the byte cap, scrolls stay small, an impossible point fails client-side.</summary>
public sealed class BatchingTests : FakeQdrantTest
{
    [Fact]
    public async Task Apply_7500ChunksOf384Dimensions_SendsSeveralRequestsEachUnderTheCap()
    {
        var handle = NewIndex();
        var episodes = Enumerable.Range(0, 75)
            .Select(e => new TestEpisodeBuilder($"ep{e:000}").WithGuests("Ada Lovelace").InSeason(1 + e % 3).WithChunks(100).Build(MiniLm))
            .ToList();

        await handle.Index.ApplyAsync(new(MiniLm, episodes, []), Ct);

        var upserts = Server.State.Upserts.ToList();
        Assert.All(upserts, u => Assert.True(u.Bytes <= handle.Options.MaxBatchBytes, $"{u.Bytes} bytes"));
        var chunkUpserts = upserts.Where(u => u.Collection == handle.Options.Collection).ToList();
        Assert.True(chunkUpserts.Count >= 2, $"{chunkUpserts.Count} upsert request(s)");
        // Every chunk sent, in one request or another (a retried request repeats its points on a slow machine).
        Assert.Equal(7500, chunkUpserts.SelectMany(u => u.Ids).Distinct().Count());
        Assert.Equal(7500, await handle.Index.CountAsync(Ct));
    }

    [Fact]
    public async Task Fingerprints_OfALargeIndex_ScrollInPagesWithoutVectorsAndWithTwoFields()
    {
        var handle = NewIndex();
        var episodes = Enumerable.Range(0, 25).Select(e => new TestEpisodeBuilder($"ep{e:00}").WithChunks(100).Build(MiniLm)).ToList();
        await handle.Index.ApplyAsync(new(MiniLm, episodes, []), Ct);

        var fingerprints = await handle.Index.GetEpisodeFingerprintsAsync(Ct);

        Assert.Equal(25, fingerprints.Count);
        Assert.Equal("fp-ep07-1", fingerprints["ep07"]);
        var scrolls = Server.State.Scrolls.Where(s => s.CollectionName == handle.Options.Collection).ToList();
        Assert.True(scrolls.Count >= 3, $"{scrolls.Count} scroll page(s)");
        Assert.All(scrolls, s =>
        {
            Assert.False(s.WithVectors?.Enable ?? false);
            Assert.Equal(["episode_id", "fingerprint"], s.WithPayload.Include.Fields);
        });
    }

    [Fact]
    public async Task Apply_OneChunkWithASixMegabytePayload_IsRejectedBeforeAnyCall()
    {
        var handle = NewIndex();
        var text = new string('x', 6_000_000);
        var huge = new Chunk("s01e01", 0, "Huge", null, 0, 10, text, [new ChunkLine(0, "Host", 0, text.Length, 0)]);
        var update = new IndexUpdate(MiniLm, [new IndexedEpisode("s01e01", "fp", [new EmbeddedChunk(huge, TestVectors.For("h", 384))])], []);

        var error = await Assert.ThrowsAsync<AskException>(() => handle.Index.ApplyAsync(update, Ct));

        Assert.Contains("s01e01#0", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchBytes", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Empty(Server.State.Calls);
    }
}
