using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Xunit;

namespace Ask.Testing.Contracts;

public abstract partial class ChunkIndexContract
{
    [ContractFact]
    public async Task SearchDense_ReturnsTheNearestChunkFirstAndRespectsTheLimit()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("a").WithChunks(5).Build(Space),
            new TestEpisodeBuilder("b").WithChunks(5).Build(Space)), Ct);

        var hits = await sut.SearchDenseAsync(Near("b", 3), 3, SearchFilter.None, Ct);

        Assert.Equal(3, hits.Count);
        Assert.Equal("b#3", hits[0].Chunk.Id);
        Assert.True(hits[0].Score > hits[1].Score, "The nearest chunk must score above the rest.");
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Chunk.Id), hits.Select(h => h.Chunk.Id));
    }

    [ContractFact]
    public async Task SearchLexical_FindsAnExactRareWord()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("a").WithChunks(4).WithChunk("We moved the whole cluster to Kubernetes last spring.").Build(Space),
            new TestEpisodeBuilder("b").WithChunks(2).WithChunk("Light is the strongest zeitgeber for the body clock.", "So get outside in the morning.").Build(Space)), Ct);

        var hits = await sut.SearchLexicalAsync("what is a zeitgeber", 5, SearchFilter.None, Ct);

        Assert.NotEmpty(hits);
        Assert.Equal("b#2", hits[0].Chunk.Id);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Chunk.Id), hits.Select(h => h.Chunk.Id));
    }

    [ContractFact]
    public async Task SearchLexical_MatchesInflectedForms()
    {
        var sut = await CreateIndexAsync(Ct);
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("a").WithChunks(3).WithChunk("She deployed the billing service on a Friday.").Build(Space)), Ct);

        var hits = await sut.SearchLexicalAsync("deploying", 5, SearchFilter.None, Ct);

        Assert.Equal("a#3", Assert.Single(hits).Chunk.Id);
    }

    [ContractFact]
    public async Task Search_FilteredByEpisode_ReturnsOnlyThatEpisode()
    {
        var sut = await CreateIndexAsync(Ct);
        await ApplyFilterLibraryAsync(sut);

        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Episodes = ["e2"] }, ["e2"]);
    }

    [ContractFact]
    public async Task Search_FilteredByGuest_IgnoresCaseAndMatchesAnyGuestOfTheEpisode()
    {
        var sut = await CreateIndexAsync(Ct);
        await ApplyFilterLibraryAsync(sut);

        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Guests = ["ada lovelace"] }, ["e1", "e3"]);
    }

    [ContractFact]
    public async Task Search_FilteredBySeason_ReturnsOnlyThatSeason()
    {
        var sut = await CreateIndexAsync(Ct);
        await ApplyFilterLibraryAsync(sut);

        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Season = 2 }, ["e2", "e3"]);
    }

    [ContractFact]
    public async Task Search_WithSeveralRestrictions_AppliesAllOfThem()
    {
        var sut = await CreateIndexAsync(Ct);
        await ApplyFilterLibraryAsync(sut);

        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Guests = ["Ada Lovelace"], Season = 2 }, ["e3"]);
        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Episodes = ["e1", "e2"], Guests = ["Grace Hopper"] }, ["e2"]);
    }

    [ContractFact]
    public async Task Search_ReturnsChunksWithEveryFieldIntact()
    {
        var sut = await CreateIndexAsync(Ct);
        var full = new Chunk("s03e07", 4, "Café Talk — naïve questions 🚀", "Cold open", 1234.5, 1301.25,
            "First row, said by nobody in particular.\nSecond row by the host about pelicans.\nThird row by the guest.",
            [
                new ChunkLine(1234.5, null, 0, 40, 88, StartIsEstimated: true),
                new ChunkLine(1250.75, "Host", 41, 38, 89),
                new ChunkLine(1290, "Dr. Ada Lovelace", 80, 23, 90),
            ])
        {
            Guests = ["Dr. Ada Lovelace", "Grace Hopper"],
            Season = 3,
            EpisodeNumber = 7,
            YouTubeId = "dQw4w9WgXcQ",
            Podcast = new Podcast("cafe-talk", "Café Talk — the show"),
            AudioUrl = "https://media.example.org/s03e07.mp3?token=a&b=c",
            PageUrl = "https://example.org/episodes/s03e07",
        };
        var bare = new Chunk("bare", 0, "Bare", null, 0, 10, "Nothing but pelicans.", [new ChunkLine(0, null, 0, 21, 0)]);
        var fullVector = TestVectors.For("full", Space.Dimensions);
        var bareVector = TestVectors.For("bare", Space.Dimensions);
        await sut.ApplyAsync(Upsert(
            new IndexedEpisode("s03e07", "fp-full", [new EmbeddedChunk(full, fullVector)]),
            new IndexedEpisode("bare", "fp-bare", [new EmbeddedChunk(bare, bareVector)])), Ct);

        ChunkAssert.Equivalent(full, (await sut.SearchDenseAsync(fullVector, 1, SearchFilter.None, Ct))[0].Chunk);
        ChunkAssert.Equivalent(bare, (await sut.SearchDenseAsync(bareVector, 1, SearchFilter.None, Ct))[0].Chunk);
        var lexical = await sut.SearchLexicalAsync("pelicans", 5, SearchFilter.None, Ct);
        Assert.Equal(2, lexical.Count);
        ChunkAssert.Equivalent(full, lexical.Single(h => h.Chunk.EpisodeId == "s03e07").Chunk);
        ChunkAssert.Equivalent(bare, lexical.Single(h => h.Chunk.EpisodeId == "bare").Chunk);
    }

    [ContractFact]
    public async Task Search_FilteredByPodcast_ReturnsOnlyThatPodcastsEpisodes()
    {
        var sut = await CreateIndexAsync(Ct);
        var other = new Podcast("other-show", "The Other Show");
        var third = new Podcast("third-show", "The Third Show");
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("e1").WithChunks(3, "compilers").Build(Space),
            new TestEpisodeBuilder("e2").WithChunks(3, "compilers").Build(Space),
            new TestEpisodeBuilder("other-show/e1").InPodcast(other).WithChunks(3, "compilers").Build(Space),
            new TestEpisodeBuilder("third-show/e1").InPodcast(third).WithChunks(3, "compilers").Build(Space)), Ct);

        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Podcasts = ["other-show"] }, ["other-show/e1"]);
        // The first archive's episodes are those with no other podcast.
        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }, ["e1", "e2"]);
        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id, "third-show"] }, ["e1", "e2", "third-show/e1"]);
        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Podcasts = ["other-show"], Episodes = ["e1", "other-show/e1"] }, ["other-show/e1"]);
        await AssertBothRankingsReturnExactlyAsync(sut, new SearchFilter { Podcasts = ["no-such-show"] }, []);
        var listed = await sut.ListEpisodesAsync(Ct);
        Assert.Equal(other, listed.Single(e => e.Id == "other-show/e1").Podcast);
        Assert.Equal(Podcast.DataTalksClub, listed.Single(e => e.Id == "e1").Podcast);
    }

    /// <summary>Three episodes about compilers: e1 (Ada, season 1), e2 (Grace, season 2), e3 (Ada and Alan, season 2).</summary>
    private async Task ApplyFilterLibraryAsync(IChunkIndex sut) =>
        await sut.ApplyAsync(Upsert(
            new TestEpisodeBuilder("e1").WithGuests("Ada Lovelace").InSeason(1, 1).WithChunks(3, "compilers").Build(Space),
            new TestEpisodeBuilder("e2").WithGuests("Grace Hopper").InSeason(2, 1).WithChunks(3, "compilers").Build(Space),
            new TestEpisodeBuilder("e3").WithGuests("Ada Lovelace", "Alan Turing").InSeason(2, 2).WithChunks(3, "compilers").Build(Space)), Ct);

    private async Task AssertBothRankingsReturnExactlyAsync(IChunkIndex sut, SearchFilter filter, string[] episodes)
    {
        // The dense query sits next to a chunk the filter excludes, so a filter applied after the
        // limit (or not at all) shows up as a wrong or missing episode.
        var dense = await sut.SearchDenseAsync(Near("e1", 0), 20, filter, Ct);
        var lexical = await sut.SearchLexicalAsync("compilers", 20, filter, Ct);

        Assert.Equal(episodes, dense.Select(h => h.Chunk.EpisodeId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(episodes, lexical.Select(h => h.Chunk.EpisodeId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(episodes.Length * 3, dense.Count);
        Assert.Equal(episodes.Length * 3, lexical.Count);
    }
}
