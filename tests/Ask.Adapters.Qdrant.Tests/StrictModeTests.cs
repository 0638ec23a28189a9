using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Filters on unindexed fields: every filter the adapter sends is on an indexed field, so Qdrant Cloud's strict mode accepts it.</summary>
public sealed class StrictModeTests : FakeQdrantTest
{
    [Fact]
    public async Task FilteredSearchesAndWrites_UnderStrictMode_Succeed()
    {
        Server.Faults.StrictMode = true;
        var sut = NewIndex().Index;
        await sut.ApplyAsync(new(MiniLm,
        [
            new TestEpisodeBuilder("e1").WithGuests("Ada").InSeason(1).WithChunks(3, "compilers").Build(MiniLm),
            new TestEpisodeBuilder("e2").WithGuests("Grace").InSeason(2).WithChunks(3, "compilers").Build(MiniLm),
        ], []), Ct);
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("e1").WithGuests("Ada").InSeason(1).WithChunks(2, "compilers").Build(MiniLm)], ["e2"]), Ct);

        var filter = new SearchFilter { Episodes = ["e1"], Guests = ["ada"], Season = 1 };
        var dense = await sut.SearchDenseAsync(TestVectors.For("q", 384), 10, filter, Ct);
        var lexical = await sut.SearchLexicalAsync("compilers", 10, filter, Ct);

        Assert.Equal(2, dense.Count);
        Assert.Equal(2, lexical.Count);
    }

    [Fact]
    public async Task FakeStrictMode_FilterOnUnindexedField_IsRefused()
    {
        // Guards the guard: the test above only means something if the fake really refuses.
        Server.Faults.StrictMode = true;
        var handle = NewIndex();
        await handle.Index.Collections.EnsureAsync(MiniLm, Ct);
        var filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = "text", Match = new Match { Keyword = "x" } } } } };

        var error = await Assert.ThrowsAsync<RpcException>(() => handle.Client.CountAsync(handle.Options.Collection, filter, cancellationToken: Ct));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Index required", error.Status.Detail, StringComparison.Ordinal);
    }
}
