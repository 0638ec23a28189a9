using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Xunit;

namespace Ask.Testing.Contracts;

/// <summary>
/// The behaviour every <see cref="IChunkIndex"/> promises, written once and replayed per adapter:
/// subclass it in the adapter's test project and implement <see cref="CreateIndexAsync"/>.
/// Cases are split by concern: writes (<c>ChunkIndexContract.Writes.cs</c>), searches
/// (<c>.Search.cs</c>) and the embedding space (<c>.Space.cs</c>).
/// </summary>
public abstract partial class ChunkIndexContract : IAsyncLifetime
{
    /// <summary>The space every case writes in unless it tests a change of space.</summary>
    protected static readonly EmbeddingSpace Space = new("contract-embedder", 16);

    /// <summary>Another model with another size, as after switching the configured embedder.</summary>
    protected static readonly EmbeddingSpace OtherSpace = new("contract-embedder-large", 24);

    // A hung store should fail its test, not the whole run.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    protected CancellationToken Ct => _timeout.Token;

    /// <summary>
    /// Returns a new, empty index that no other test sees. Called once per test case (xunit makes a new
    /// instance of the class for every case); clean up in <see cref="DisposeAsync"/>.
    /// </summary>
    protected abstract Task<IChunkIndex> CreateIndexAsync(CancellationToken cancellationToken);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    protected static IndexUpdate Upsert(params IndexedEpisode[] episodes) => new(Space, episodes, []);

    protected static float[] VectorOf(string episodeId, int ordinal) =>
        TestEpisodeBuilder.VectorFor(episodeId, ordinal, Space.Dimensions);

    protected static float[] Near(string episodeId, int ordinal) =>
        TestVectors.Near(VectorOf(episodeId, ordinal), $"noise-{episodeId}-{ordinal}");

    /// <summary>Every chunk of the index an unfiltered dense search can reach, by id.</summary>
    protected async Task<IReadOnlyList<string>> AllChunkIdsAsync(IChunkIndex sut, SearchFilter? filter = null)
    {
        var hits = await sut.SearchDenseAsync(TestVectors.For("probe", Space.Dimensions), 1000, filter ?? SearchFilter.None, Ct);
        return hits.Select(h => h.Chunk.Id).Order(StringComparer.Ordinal).ToArray();
    }

    [ContractFact]
    public async Task EmptyIndex_HasNoEpisodesNoSpaceAndNoHits()
    {
        var sut = await CreateIndexAsync(Ct);

        Assert.Empty(await sut.GetEpisodeFingerprintsAsync(Ct));
        Assert.Null(await sut.GetEmbeddingSpaceAsync(Ct));
        Assert.Equal(0, await sut.CountAsync(Ct));
        Assert.Empty(await sut.SearchDenseAsync(TestVectors.For("q", Space.Dimensions), 5, SearchFilter.None, Ct));
        Assert.Empty(await sut.SearchLexicalAsync("kubernetes", 5, SearchFilter.None, Ct));
        Assert.False(string.IsNullOrWhiteSpace(sut.Name));
    }
}
