using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Xunit;

namespace Ask.Testing.Contracts;

public abstract partial class ChunkIndexContract
{
    [ContractFact]
    public async Task Apply_InAnotherEmbeddingSpace_ThrowsSchemaMismatchAndChangesNothing()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("a").WithChunks(2).Build(Space)), Ct);

        var larger = await Assert.ThrowsAsync<IndexSchemaMismatchException>(() => sut.ApplyAsync(
            new IndexUpdate(OtherSpace, [new TestEpisodeBuilder("b").WithChunks(2).Build(OtherSpace)], []), Ct));
        var renamed = new EmbeddingSpace("another-model-same-size", Space.Dimensions);
        await Assert.ThrowsAsync<IndexSchemaMismatchException>(() => sut.ApplyAsync(
            new IndexUpdate(renamed, [new TestEpisodeBuilder("c").WithChunks(2).Build(renamed)], []), Ct));

        Assert.Equal(Space, larger.Indexed);
        Assert.Equal(OtherSpace, larger.Configured);
        Assert.Contains("16", larger.Message, StringComparison.Ordinal);
        Assert.Contains("24", larger.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys);
        Assert.Equal(2, await sut.CountAsync(Ct));
        Assert.Equal(Space, await sut.GetEmbeddingSpaceAsync(Ct));
    }

    [ContractFact]
    public async Task SearchDense_WithAQueryOfAnotherSize_ThrowsSchemaMismatch()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("a").WithChunks(2).Build(Space)), Ct);

        var error = await Assert.ThrowsAsync<IndexSchemaMismatchException>(() =>
            sut.SearchDenseAsync(TestVectors.For("q", OtherSpace.Dimensions), 5, SearchFilter.None, Ct));

        Assert.Equal(Space.Dimensions, error.Indexed.Dimensions);
        Assert.Equal(OtherSpace.Dimensions, error.Configured.Dimensions);
    }

    [ContractFact]
    public async Task Rebuild_InAnotherEmbeddingSpace_SwitchesTheSpace()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("a").WithChunks(2).Build(Space)), Ct);

        await sut.ApplyAsync(new IndexUpdate(OtherSpace, [new TestEpisodeBuilder("b").WithChunks(3).Build(OtherSpace)], [], Rebuild: true), Ct);

        Assert.Equal(OtherSpace, await sut.GetEmbeddingSpaceAsync(Ct));
        Assert.Equal(["b"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys);
        var hits = await sut.SearchDenseAsync(TestEpisodeBuilder.VectorFor("b", 1, OtherSpace.Dimensions), 1, SearchFilter.None, Ct);
        Assert.Equal("b#1", Assert.Single(hits).Chunk.Id);
    }
}
