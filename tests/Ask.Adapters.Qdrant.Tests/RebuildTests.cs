using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Rebuilding the live collection: a full rebuild fills a new collection and moves the alias; queries never notice.</summary>
public sealed class RebuildTests : FakeQdrantTest
{
    [Fact]
    public async Task Rebuild_SearchedBeforeEveryOneOfItsCalls_HasNoErrorsNoEmptyResultsAndDropsTheOldCollectionLast()
    {
        var handle = NewIndex(o => o.MaxBatchBytes = 65_536);
        var sut = handle.Index;
        var alias = handle.Options.Collection;
        await sut.ApplyAsync(new(MiniLm, Library("1"), []), Ct);

        var searches = 0;
        var empty = 0;
        var errors = new List<Exception>();
        async Task SearchAsync()
        {
            try
            {
                var dense = await sut.SearchDenseAsync(TestVectors.For("probe", 384), 5, SearchFilter.None, Ct);
                var lexical = await sut.SearchLexicalAsync("everyday engineering", 5, SearchFilter.None, Ct);
                if (dense.Count == 0 || lexical.Count == 0) Interlocked.Increment(ref empty);
            }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
            }
            Interlocked.Increment(ref searches);
        }
        // A search runs before the server handles each call of the rebuild (create, every batch, the alias
        // switch, the drop), so every state the rebuild passes through is searched, however fast it runs.
        // One search at a time: the searches' own calls pass through here too.
        using var searching = new SemaphoreSlim(1, 1);
        Server.Faults.BeforeEachCall = async rpc =>
        {
            if (rpc == "Query" || !await searching.WaitAsync(0, CancellationToken.None)) return;
            try
            {
                await SearchAsync();
            }
            finally
            {
                searching.Release();
            }
        };

        await sut.ApplyAsync(new(MiniLm, Library("2"), [], Rebuild: true), Ct);
        Server.Faults.BeforeEachCall = null;
        await SearchAsync();

        Assert.Empty(errors);
        Assert.Equal(0, empty);
        Assert.True(searches >= 5, $"only {searches} search rounds ran during the rebuild");
        Assert.Equal(alias + "-v2", Server.State.Aliases[alias]);
        Assert.DoesNotContain(alias + "-v1", Server.State.Collections.Keys);
        var journal = Server.State.Journal.ToList();
        var created = journal.IndexOf($"create {alias}-v2");
        var switched = journal.FindIndex(j => j.Contains($"{alias} -> {alias}-v2", StringComparison.Ordinal));
        var dropped = journal.IndexOf($"drop {alias}-v1");
        Assert.True(created >= 0 && created < switched && switched < dropped, string.Join(" | ", journal));
        Assert.All((await sut.GetEpisodeFingerprintsAsync(Ct)).Values, f => Assert.EndsWith("-2", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rebuild_FailingHalfway_KeepsServingTheOldCollectionAndDropsTheHalfBuiltOne()
    {
        var handle = NewIndex(o => o.MaxBatchBytes = 65_536);
        var sut = handle.Index;
        var alias = handle.Options.Collection;
        await sut.ApplyAsync(new(MiniLm, Library("1"), []), Ct);
        Server.Faults.Fail("Upsert", Grpc.Core.StatusCode.InvalidArgument);

        await Assert.ThrowsAsync<Ask.Core.AskException>(() => sut.ApplyAsync(new(MiniLm, Library("2"), [], Rebuild: true), Ct));

        Assert.Equal(alias + "-v1", Server.State.Aliases[alias]);
        Assert.DoesNotContain(alias + "-v2", Server.State.Collections.Keys);
        Assert.All((await sut.GetEpisodeFingerprintsAsync(Ct)).Values, f => Assert.EndsWith("-1", f, StringComparison.Ordinal));
        Assert.Equal(200, await sut.CountAsync(Ct));
    }

    private static IReadOnlyList<IndexedEpisode> Library(string version) =>
        Enumerable.Range(0, 20)
            .Select(e => new TestEpisodeBuilder($"ep{e:00}").WithFingerprint($"fp-ep{e:00}-{version}").WithChunks(10).Build(MiniLm))
            .ToList();
}
