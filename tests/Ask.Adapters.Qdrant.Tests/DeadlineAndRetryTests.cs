using Ask.Core;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Grpc.Core;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Calls without a deadline: a per-call deadline bounds a slow server; only transient write failures are retried.</summary>
public sealed class DeadlineAndRetryTests : FakeQdrantTest
{
    [Fact]
    public async Task Search_ServerNeverAnswersWithDeadline1s_FailsTransientNamingTheDeadline()
    {
        var sut = NewIndex(o => o.CallTimeout = TimeSpan.FromSeconds(1)).Index;
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);
        await sut.GetEmbeddingSpaceAsync(Ct);
        // The server holds every query until the client gives up: only the deadline can end these calls
        // (the test's own token would end them with a cancellation, not this error).
        Server.Faults.Delays["Query"] = Timeout.InfiniteTimeSpan;

        var dense = await Assert.ThrowsAsync<AskException>(() => sut.SearchDenseAsync(TestVectors.For("q", 384), 5, SearchFilter.None, Ct));
        var lexical = await Assert.ThrowsAsync<AskException>(() => sut.SearchLexicalAsync("everyday", 5, SearchFilter.None, Ct));

        Assert.True(dense.IsTransient);
        Assert.True(lexical.IsTransient);
        Assert.Contains("CallTimeout", dense.Message, StringComparison.Ordinal);
        Assert.Contains("CallTimeout", lexical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_DeadlineExceededOnce_IsNotRetried()
    {
        var sut = NewIndex().Index;
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);
        Server.Faults.Fail("Query", StatusCode.DeadlineExceeded);

        var error = await Assert.ThrowsAsync<AskException>(() => sut.SearchLexicalAsync("everyday", 5, SearchFilter.None, Ct));

        Assert.True(error.IsTransient);
        Assert.Equal(1, Server.State.CallsOf("Query"));
    }

    [Fact]
    public async Task Apply_UpsertUnavailableTwice_IsRetriedAndSucceeds()
    {
        var sut = NewIndex().Index;
        await sut.Collections.EnsureAsync(MiniLm, Ct);
        Server.Faults.Fail("Upsert", StatusCode.Unavailable, times: 2);

        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(3).Build(MiniLm)], []), Ct);

        // Two failures, then the chunks; then the answering collection's points and its state.
        Assert.Equal(3 + 2, Server.State.CallsOf("Upsert"));
        Assert.Equal(3, await sut.CountAsync(Ct));
    }

    [Fact]
    public async Task Apply_UpsertDeadlineExceededOnce_IsRetriedAndSucceeds()
    {
        var sut = NewIndex().Index;
        await sut.Collections.EnsureAsync(MiniLm, Ct);
        Server.Faults.Fail("Upsert", StatusCode.DeadlineExceeded);

        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(3).Build(MiniLm)], []), Ct);

        // One failure, then the chunks; then the answering collection's points and its state.
        Assert.Equal(2 + 2, Server.State.CallsOf("Upsert"));
    }

    [Fact]
    public async Task Apply_UpsertInvalidArgument_IsNotRetried()
    {
        var sut = NewIndex().Index;
        await sut.Collections.EnsureAsync(MiniLm, Ct);
        Server.Faults.Fail("Upsert", StatusCode.InvalidArgument);

        var error = await Assert.ThrowsAsync<AskException>(() =>
            sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(3).Build(MiniLm)], []), Ct));

        Assert.False(error.IsTransient);
        Assert.Equal(1, Server.State.CallsOf("Upsert"));
    }

    [Fact]
    public async Task Apply_UnavailableBeyondTheRetries_FailsTransient()
    {
        var sut = NewIndex().Index;
        await sut.Collections.EnsureAsync(MiniLm, Ct);
        Server.Faults.Fail("Upsert", StatusCode.Unavailable, times: 10);

        var error = await Assert.ThrowsAsync<AskException>(() =>
            sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(3).Build(MiniLm)], []), Ct));

        Assert.True(error.IsTransient);
        Assert.Equal(4, Server.State.CallsOf("Upsert"));
    }
}
