using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Ask.Testing.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Cli.Tests.Faults;

/// <summary>The service's start-up ingest failing for any reason — here a full disk — is a failed ingest, not a failed service.</summary>
public sealed class StartupIngestFailureTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-startup-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task StartupIngest_IOExceptionWhileIngesting_LoggedAsFailedAndTheLoadedIndexKeepsServing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "episodes"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ask:DataDirectory"] = Path.Combine(_root, "data"),
            ["Ask:EpisodesDirectory"] = Path.Combine(_root, "episodes"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddAsk(configuration);
        services.AddSingleton<IEpisodeReader, FullDiskReader>();
        await using var provider = services.BuildServiceProvider();
        var index = provider.GetRequiredService<EmbeddedChunkIndex>();
        var space = new EmbeddingSpace("all-MiniLM-L6-v2", 384);
        await index.ApplyAsync(new IndexUpdate(space, [new TestEpisodeBuilder("ep-a").WithChunks(3).Build(space)], []), default);
        var sut = ActivatorUtilities.CreateInstance<StartupIngest>(provider);

        await sut.StartAsync(default);
        await sut.ExecuteTask!;

        Assert.True(sut.ExecuteTask.IsCompletedSuccessfully);
        var status = provider.GetRequiredService<IndexStatus>().Current;
        Assert.Equal(IndexState.Failed, status.State);
        Assert.Contains("No space left on device", status.Error);
        Assert.Equal(3, await index.CountAsync(default));
    }

    private sealed class FullDiskReader : IEpisodeReader
    {
        public async IAsyncEnumerable<EpisodeReadResult> ReadAsync(IReadOnlyList<string> paths, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new IOException("No space left on device");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
