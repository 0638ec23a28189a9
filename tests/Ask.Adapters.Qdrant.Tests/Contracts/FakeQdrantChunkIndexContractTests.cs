using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Core.Retrieval;
using Ask.Testing.Contracts;

namespace Ask.Adapters.Qdrant.Tests.Contracts;

/// <summary>The <see cref="IChunkIndex"/> contract against the in-process fake Qdrant, in strict mode (every filter needs a payload index).</summary>
public sealed class FakeQdrantChunkIndexContractTests : ChunkIndexContract
{
    private FakeQdrantServer? _server;
    private QdrantIndexHandle? _handle;

    public override async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _server.Faults.StrictMode = true;
    }

    protected override Task<IChunkIndex> CreateIndexAsync(CancellationToken cancellationToken)
    {
        _handle = QdrantIndexHandle.Create(_server!.Url);
        return Task.FromResult<IChunkIndex>(_handle.Index);
    }

    public override async Task DisposeAsync()
    {
        _handle?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        await base.DisposeAsync();
    }
}
