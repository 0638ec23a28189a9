using Ask.Core;
using Ask.Testing.Indexing;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Writes wait for Qdrant to apply them, and point ids on the wire are UUIDs with the readable slug in the payload (docs/failure-modes.md, 8 and 12).</summary>
public sealed class WriteConfirmationTests : FakeQdrantTest
{
    [Fact]
    public async Task Apply_SendsEveryUpsertWithWait()
    {
        var sut = NewIndex(o => o.MaxBatchBytes = 65_536).Index;

        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(60).Build(MiniLm)], []), Ct);

        Assert.True(Server.State.Upserts.Count >= 2);
        Assert.All(Server.State.Upserts, u => Assert.True(u.Wait));
    }

    [Fact]
    public async Task Apply_ServerOnlyAcknowledges_ReportsAFailure()
    {
        var sut = NewIndex().Index;
        Server.Faults.AcknowledgeWithoutApplying = true;

        var error = await Assert.ThrowsAsync<AskException>(() =>
            sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct));

        Assert.Contains("Acknowledged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_StoresPointsUnderTheirUuidV5WithTheSlugInThePayload()
    {
        var handle = NewIndex();

        await handle.Index.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("s12e08").WithChunks(5).Build(MiniLm)], []), Ct);

        var points = await handle.Client.RetrieveAsync(handle.Options.Collection, [ChunkPointId.For("s12e08", 3)], withPayload: true, cancellationToken: Ct);
        var point = Assert.Single(points);
        Assert.Equal(new Guid("8a00fe2a-3f57-5468-807a-2a1ce9a35ccc"), Guid.Parse(point.Id.Uuid));
        Assert.Equal("s12e08#3", point.Payload["chunk_id"].StringValue);
    }
}
