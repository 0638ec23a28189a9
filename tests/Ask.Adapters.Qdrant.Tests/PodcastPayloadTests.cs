using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Collections written before there were several podcasts: their points have no podcast id and belong to the first archive.</summary>
public sealed class PodcastPayloadTests : FakeQdrantTest
{
    [Fact]
    public async Task PointsWithoutPodcastId_ReadAndFilterAsTheFirstArchive()
    {
        Server.Faults.StrictMode = true;
        var sut = NewIndex().Index;
        var other = new Podcast("other-show", "The Other Show");
        await sut.ApplyAsync(new(MiniLm, [
            new TestEpisodeBuilder("old-episode").WithChunks(2, "compilers").Build(MiniLm),
            new TestEpisodeBuilder("other-show/e1").InPodcast(other).WithAudio("https://media.example.org/e1.mp3").WithChunks(2, "compilers").Build(MiniLm)], []), Ct);
        lock (Server.State.Sync)
        {
            foreach (var collection in ChunkCollections())
            foreach (var point in collection.Points.Values.Where(p => p.Payload["episode_id"].StringValue == "old-episode"))
            {
                Assert.Equal("datatalksclub", point.Payload["podcast_id"].StringValue);
                point.Payload.Remove("podcast_id");
                point.Payload.Remove("podcast_title");
            }
        }

        var first = await sut.SearchLexicalAsync("compilers", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }, Ct);
        var dense = await sut.SearchDenseAsync(TestVectors.For("probe", MiniLm.Dimensions), 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }, Ct);
        var theirs = await sut.SearchLexicalAsync("compilers", 10, new SearchFilter { Podcasts = ["other-show"] }, Ct);

        Assert.Equal(["old-episode"], first.Select(h => h.Chunk.EpisodeId).Distinct());
        Assert.Equal(["old-episode"], dense.Select(h => h.Chunk.EpisodeId).Distinct());
        Assert.All(first, h => Assert.Equal(Podcast.DataTalksClub, h.Chunk.Podcast));
        Assert.Equal(["other-show/e1"], theirs.Select(h => h.Chunk.EpisodeId).Distinct());
        Assert.All(theirs, h => Assert.Equal(other, h.Chunk.Podcast));
        Assert.Equal("https://media.example.org/e1.mp3#t=60", theirs.Single(h => h.Chunk.Ordinal == 1).Chunk.LinkAt(60.4));
        var episodes = await sut.ListEpisodesAsync(Ct);
        Assert.Equal(Podcast.DataTalksClub, episodes.Single(e => e.Id == "old-episode").Podcast);
        Assert.Equal("https://media.example.org/e1.mp3", episodes.Single(e => e.Id == "other-show/e1").AudioUrl);
    }

    [Fact]
    public async Task CollectionWithoutThePodcastIndex_GetsItOnTheNextIngest()
    {
        Server.Faults.StrictMode = true;
        var old = NewIndex();
        await old.Index.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("old-episode").WithChunks(2, "compilers").Build(MiniLm)], []), Ct);
        lock (Server.State.Sync)
            foreach (var collection in ChunkCollections()) Assert.True(collection.PayloadIndexes.Remove("podcast_id"));
        // A process started after the upgrade, on the same collection.
        var sut = NewIndex(o => o.Collection = old.Options.Collection).Index;
        var filter = new SearchFilter { Podcasts = ["other-show"] };

        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("other-show/e1").InPodcast(new Podcast("other-show", "Other")).WithChunks(1, "compilers").Build(MiniLm)], []), Ct);

        lock (Server.State.Sync)
            Assert.All(ChunkCollections(), c => Assert.Equal(PayloadSchemaType.Keyword, c.PayloadIndexes["podcast_id"]));
        Assert.Equal(["other-show/e1"], (await sut.SearchLexicalAsync("compilers", 10, filter, Ct)).Select(h => h.Chunk.EpisodeId).Distinct());
    }

    // The chunks' collections, not the answerer's (sentence and word vectors, which carry no podcast).
    private IEnumerable<FakeCollection> ChunkCollections() =>
        Server.State.Collections.Where(c => !c.Key.Contains("-answering", StringComparison.Ordinal)).Select(c => c.Value);
}
