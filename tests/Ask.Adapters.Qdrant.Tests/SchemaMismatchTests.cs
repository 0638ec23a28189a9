using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Embedding size changed: a changed embedding model is refused before any upsert or search reaches Qdrant.</summary>
public sealed class SchemaMismatchTests : FakeQdrantTest
{
    private static readonly EmbeddingSpace Large = new("text-embedding-3-small", 1536);

    [Fact]
    public async Task Apply_1536DimensionsInto384Collection_ThrowsBeforeAnyUpsert()
    {
        var sut = NewIndex().Index;
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);
        var upserts = Server.State.CallsOf("Upsert");

        var error = await Assert.ThrowsAsync<IndexSchemaMismatchException>(() =>
            sut.ApplyAsync(new(Large, [new TestEpisodeBuilder("b").WithChunks(2).Build(Large)], []), Ct));

        Assert.Equal(upserts, Server.State.CallsOf("Upsert"));
        Assert.Contains("384", error.Message, StringComparison.Ordinal);
        Assert.Contains("1536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchDense_1536DimensionQueryOn384Collection_ThrowsBeforeAnyQuery()
    {
        var sut = NewIndex().Index;
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);

        var error = await Assert.ThrowsAsync<IndexSchemaMismatchException>(() =>
            sut.SearchDenseAsync(TestVectors.For("q", 1536), 5, SearchFilter.None, Ct));

        Assert.Equal(0, Server.State.CallsOf("Query"));
        Assert.Contains("384", error.Message, StringComparison.Ordinal);
        Assert.Contains("1536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchDense_AfterAnotherProcessRebuiltInAnotherSpace_ThrowsMismatchOnceTheCacheIsStale()
    {
        var ours = NewIndex();
        await ours.Index.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);
        Assert.NotEmpty(await ours.Index.SearchDenseAsync(TestVectors.For("q", 384), 5, SearchFilter.None, Ct));
        var theirs = NewIndex(o => o.Collection = ours.Options.Collection);
        await theirs.Index.ApplyAsync(new(Large, [new TestEpisodeBuilder("a").WithChunks(2).Build(Large)], [], Rebuild: true), Ct);

        // Our cached space says 384: the server's dimension error makes us look again rather than keep failing.
        await Assert.ThrowsAnyAsync<Ask.Core.AskException>(() => ours.Index.SearchDenseAsync(TestVectors.For("q", 384), 5, SearchFilter.None, Ct));
        await Assert.ThrowsAsync<IndexSchemaMismatchException>(() => ours.Index.SearchDenseAsync(TestVectors.For("q", 384), 5, SearchFilter.None, Ct));
    }
}
