using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Qdrant.Tests;

public sealed class ServiceCollectionTests : FakeQdrantTest
{
    [Fact]
    public async Task AddQdrantChunkIndex_ServesTheIndexAndChecksTheServerAtStart()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddQdrantChunkIndex(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Collection"] = "wired" }).Build(),
                o => o.Url = Server.Url)
            .BuildServiceProvider();

        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(Ct);
        var index = services.GetRequiredService<IChunkIndex>();
        await index.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);

        Assert.Equal("qdrant", index.Name);
        // Bound from the section, then configured in code.
        Assert.Equal(("wired", Server.Url), (services.GetRequiredService<IOptions<QdrantOptions>>().Value.Collection, services.GetRequiredService<IOptions<QdrantOptions>>().Value.Url));
        Assert.Same(index, services.GetRequiredService<IChunkIndex>());
        Assert.Equal(1, Server.State.CallsOf("HealthCheck"));
        Assert.Equal(2, await index.CountAsync(Ct));
        // The extractive answerer finds the store's sentence and word vectors and vocabulary, as on the embedded store.
        Assert.Same(index, services.GetRequiredService<ISentenceVectors>());
        Assert.Same(index, services.GetRequiredService<IWordVectors>());
        Assert.Same(index, services.GetRequiredService<IArchiveVocabulary>());
    }
}
