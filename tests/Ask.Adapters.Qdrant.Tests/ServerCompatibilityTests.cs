using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Core;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Wrong port or old server: the wrong port or an old server gives a readable error, fast.</summary>
public sealed class ServerCompatibilityTests : FakeQdrantTest
{
    [Fact]
    public async Task CheckAsync_UrlOnARestOnlyPort_FailsInsteadOfHangingNamingPort6334()
    {
        await using var rest = await RestOnlyServer.StartAsync();
        using var handle = QdrantIndexHandle.Create(rest.Url);

        // A hang would end with the test's token, a cancellation rather than this error.
        var error = await Assert.ThrowsAsync<AskException>(() => handle.Index.CheckAsync(Ct));

        Assert.Contains("6334", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NothingListening_FailsInsteadOfHangingNamingPort6334()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var handle = QdrantIndexHandle.Create($"http://127.0.0.1:{port}");

        // A hang would end with the test's token, a cancellation rather than this error.
        var error = await Assert.ThrowsAsync<AskException>(() => handle.Index.CheckAsync(Ct));

        Assert.Contains("6334", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_FakeServer_ReturnsItsVersion()
    {
        Assert.Equal("1.16.0", await NewIndex().Index.CheckAsync(Ct));
    }

    [Fact]
    public async Task CheckAsync_ServerOlderThanTheQueryApi_ReportsIncompatibleVersion()
    {
        Server.Faults.Version = "1.9.4";

        var error = await Assert.ThrowsAsync<AskException>(() => NewIndex().Index.CheckAsync(Ct));

        Assert.Contains("incompatible qdrant server version", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Search_QueryUnimplemented_ReportsIncompatibleVersionNotTransient()
    {
        var sut = NewIndex().Index;
        await sut.ApplyAsync(new(MiniLm, [new TestEpisodeBuilder("a").WithChunks(2).Build(MiniLm)], []), Ct);
        Server.Faults.QueryUnimplemented = true;

        var dense = await Assert.ThrowsAsync<AskException>(() => sut.SearchDenseAsync(TestVectors.For("q", 384), 5, SearchFilter.None, Ct));
        var lexical = await Assert.ThrowsAsync<AskException>(() => sut.SearchLexicalAsync("everyday", 5, SearchFilter.None, Ct));

        Assert.Contains("incompatible qdrant server version", dense.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("incompatible qdrant server version", lexical.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(dense.IsTransient);
    }

    [Fact]
    public void Options_UrlOnRestPort6333_FailValidationNamingPort6334()
    {
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddQdrantChunkIndex(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Url"] = "http://localhost:6333" }).Build()).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QdrantOptions>>().Value);

        Assert.Contains("6334", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qdrant:Url", error.Message, StringComparison.Ordinal);
    }
}
