using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Xunit;

namespace Ask.Testing.Contracts;

public abstract partial class ChunkIndexContract
{
    [ContractFact]
    public async Task Apply_ThenFingerprintsSpaceAndCount_DescribeTheIndexedEpisodes()
    {
        var sut = await CreateIndexAsync(Ct);

        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("s01e01").WithFingerprint("fp-a").WithChunks(3).Build(Space),
            new TestEpisodeBuilder("s01e02").WithFingerprint("fp-b").WithChunks(2).Build(Space)), Ct);

        var fingerprints = await sut.GetEpisodeFingerprintsAsync(Ct);
        Assert.Equal(2, fingerprints.Count);
        Assert.Equal("fp-a", fingerprints["s01e01"]);
        Assert.Equal("fp-b", fingerprints["s01e02"]);
        Assert.Equal(Space, await sut.GetEmbeddingSpaceAsync(Ct));
        Assert.Equal(5, await sut.CountAsync(Ct));
    }

    [ContractFact]
    public async Task ListEpisodes_OneSummaryPerEpisodeWithItsMetadata()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("s01e02").WithTitle("Second").WithGuests("Maria").InSeason(1, 2).WithYouTubeId("yt2").WithChunks(2).Build(Space),
            new TestEpisodeBuilder("s01e01").WithTitle("First").WithChunks(3).Build(Space)), Ct);

        var episodes = await sut.ListEpisodesAsync(Ct);

        Assert.Equal(["s01e01", "s01e02"], episodes.Select(e => e.Id));
        var second = episodes[1];
        Assert.Equal("Second", second.Title);
        Assert.Equal(["Maria"], second.Guests);
        Assert.Equal(1, second.Season);
        Assert.Equal(2, second.Number);
        Assert.Equal("yt2", second.YouTubeId);
        Assert.Equal(2, second.Chunks);
        Assert.Equal(3, episodes[0].Chunks);
    }

    [ContractFact]
    public async Task Apply_EpisodeNotInUpdate_StaysUntouched()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("a").WithChunks(2).Build(Space)), Ct);

        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("b").WithChunks(3).Build(Space)), Ct);

        Assert.Equal(["a", "b"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, await sut.CountAsync(Ct));
    }

    [ContractFact]
    public async Task Reingest_EditedEpisodeWithFewerChunks_LeavesExactlyTheNewChunks()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("x").WithFingerprint("fp-1").WithChunks(10, "obsolete drafts").Build(Space),
            new TestEpisodeBuilder("y").WithChunks(2).Build(Space)), Ct);

        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("x").WithFingerprint("fp-2").WithChunks(7, "revised chapters").Build(Space)), Ct);

        var ids = await AllChunkIdsAsync(sut, new SearchFilter { Episodes = ["x"] });
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"x#{i}").Order(StringComparer.Ordinal), ids);
        Assert.Equal(9, await sut.CountAsync(Ct));
        Assert.Equal("fp-2", (await sut.GetEpisodeFingerprintsAsync(Ct))["x"]);
        Assert.Empty(await sut.SearchLexicalAsync("obsolete", 20, SearchFilter.None, Ct));
        var revised = await sut.SearchLexicalAsync("revised", 20, SearchFilter.None, Ct);
        Assert.Equal(7, revised.Count);
    }

    [ContractFact]
    public async Task Apply_TwoEpisodesSharingATitle_KeepsBoth()
    {
        var sut = await CreateIndexAsync(Ct);

        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("s02e05").WithTitle("Scaling Postgres").WithChunks(2).Build(Space),
            new TestEpisodeBuilder("s02e05-live").WithTitle("Scaling Postgres").WithChunks(3).Build(Space)), Ct);

        Assert.Equal(["s02e05", "s02e05-live"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, await sut.CountAsync(Ct));
        Assert.Equal(2, (await AllChunkIdsAsync(sut, new SearchFilter { Episodes = ["s02e05"] })).Count);
        Assert.Equal(3, (await AllChunkIdsAsync(sut, new SearchFilter { Episodes = ["s02e05-live"] })).Count);
    }

    [ContractFact]
    public async Task Apply_Deletions_RemoveTheEpisodeEverywhere()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("keep").WithChunks(2).Build(Space),
            new TestEpisodeBuilder("gone").WithChunk("A unique remark about narwhals.").WithChunks(2).Build(Space)), Ct);

        await sut.ApplyAsync(new IndexUpdate(Space, [], ["gone"]), Ct);

        Assert.Equal(["keep"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys);
        Assert.Equal(2, await sut.CountAsync(Ct));
        Assert.All(await AllChunkIdsAsync(sut), id => Assert.StartsWith("keep#", id, StringComparison.Ordinal));
        Assert.Empty(await sut.SearchLexicalAsync("narwhals", 10, SearchFilter.None, Ct));
    }

    [ContractFact]
    public async Task Apply_DeletionOfUnknownEpisode_IsNotAnError()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("keep").WithChunks(1).Build(Space)), Ct);

        await sut.ApplyAsync(new IndexUpdate(Space, [], ["never-indexed"]), Ct);

        Assert.Equal(1, await sut.CountAsync(Ct));
    }

    [ContractFact]
    public async Task Rebuild_DropsEveryEpisodeNotInTheUpdate()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("old-1").WithChunk("Talk about lighthouses.").Build(Space),
            new TestEpisodeBuilder("old-2").WithChunks(2).Build(Space)), Ct);

        await sut.ApplyAsync(new IndexUpdate(Space, [new TestEpisodeBuilder("new-1").WithChunks(3).Build(Space)], [], Rebuild: true), Ct);

        Assert.Equal(["new-1"], (await sut.GetEpisodeFingerprintsAsync(Ct)).Keys);
        Assert.Equal(3, await sut.CountAsync(Ct));
        Assert.All(await AllChunkIdsAsync(sut), id => Assert.StartsWith("new-1#", id, StringComparison.Ordinal));
        Assert.Empty(await sut.SearchLexicalAsync("lighthouses", 10, SearchFilter.None, Ct));
    }

    [ContractFact]
    public async Task Apply_ThenSearchInTheNextStatement_SeesTheNewChunks()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("base").WithChunks(3).Build(Space)), Ct);

        await sut.ApplyAsync(Upsert(new TestEpisodeBuilder("fresh").WithChunks(1).WithChunk("The quasar anecdote closes the show.").Build(Space)), Ct);
        var lexical = await sut.SearchLexicalAsync("quasar", 5, SearchFilter.None, Ct);
        var dense = await sut.SearchDenseAsync(VectorOf("fresh", 1), 1, SearchFilter.None, Ct);

        Assert.Equal("fresh#1", Assert.Single(lexical).Chunk.Id);
        Assert.Equal("fresh#1", Assert.Single(dense).Chunk.Id);
    }
}
