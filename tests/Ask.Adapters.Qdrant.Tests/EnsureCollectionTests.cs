using Ask.Testing.Indexing;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Creating the collection is idempotent under concurrency, and payload indexes exist before any filter (docs/failure-modes.md, 7 and 13).</summary>
public sealed class EnsureCollectionTests : FakeQdrantTest
{
    [Fact]
    public async Task EnsureAsync_EightParallelCalls_SendOneCreateAndAllSucceed()
    {
        var sut = NewIndex().Index;

        var spaces = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sut.Collections.EnsureAsync(MiniLm, Ct))));

        Assert.All(spaces, s => Assert.Equal(MiniLm, s));
        Assert.Equal(1, Server.State.CallsOf("Create"));
        Assert.Single(Server.State.Collections);
    }

    [Fact]
    public async Task EnsureAsync_CreateAnsweredWithAlreadyExists_CountsAsSuccess()
    {
        var handle = NewIndex();
        Server.Faults.AlreadyExistsOnCreate = true;

        var space = await handle.Index.Collections.EnsureAsync(MiniLm, Ct);
        await handle.Index.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);

        Assert.Equal(MiniLm, space);
        Assert.Equal(2, await handle.Index.CountAsync(Ct));
    }

    [Fact]
    public async Task EnsureAsync_AnotherIndexInstanceAfterwards_CreatesNothing()
    {
        var first = NewIndex();
        await first.Index.Collections.EnsureAsync(MiniLm, Ct);
        var second = NewIndex(o => o.Collection = first.Options.Collection);

        await second.Index.Collections.EnsureAsync(MiniLm, Ct);

        Assert.Equal(1, Server.State.CallsOf("Create"));
    }

    [Fact]
    public async Task EnsureAsync_NewCollection_HasTheConfiguredLayoutIndexesAndAlias()
    {
        var handle = NewIndex(o =>
        {
            o.ShardNumber = 2;
            o.ReplicationFactor = 3;
            o.WriteConsistencyFactor = 2;
        });

        await handle.Index.Collections.EnsureAsync(MiniLm, Ct);
        // Read back through Qdrant.Client, as an operator would inspect it.
        var info = await handle.Client.GetCollectionInfoAsync(handle.Options.Collection, Ct);
        var aliases = await handle.Client.ListAliasesAsync(Ct);

        var dense = info.Config.Params.VectorsConfig.ParamsMap.Map["dense"];
        Assert.Equal(384UL, dense.Size);
        Assert.Equal(Distance.Cosine, dense.Distance);
        Assert.Equal(Modifier.Idf, info.Config.Params.SparseVectorsConfig.Map["lexical"].Modifier);
        Assert.Equal(2U, info.Config.Params.ShardNumber);
        Assert.Equal(3U, info.Config.Params.ReplicationFactor);
        Assert.Equal(2U, info.Config.Params.WriteConsistencyFactor);
        Assert.Equal("all-MiniLM-L6-v2", info.Config.Metadata["ask.embedding_model"].StringValue);
        Assert.Equal(PayloadSchemaType.Keyword, info.PayloadSchema["episode_id"].DataType);
        Assert.Equal(PayloadSchemaType.Keyword, info.PayloadSchema["guests"].DataType);
        Assert.Equal(PayloadSchemaType.Keyword, info.PayloadSchema["speakers"].DataType);
        Assert.Equal(PayloadSchemaType.Integer, info.PayloadSchema["season"].DataType);
        Assert.Equal(PayloadSchemaType.Float, info.PayloadSchema["start_sec"].DataType);
        var alias = Assert.Single(aliases);
        Assert.Equal(handle.Options.Collection, alias.AliasName);
        Assert.Equal(handle.Options.Collection + "-v1", alias.CollectionName);
    }
}
