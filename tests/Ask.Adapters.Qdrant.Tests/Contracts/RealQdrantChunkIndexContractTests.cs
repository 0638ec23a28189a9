using Ask.Core.Retrieval;
using Ask.Testing.Contracts;

namespace Ask.Adapters.Qdrant.Tests.Contracts;

/// <summary>
/// The <see cref="IChunkIndex"/> contract against a real Qdrant at <c>QDRANT_URL</c> (gRPC, e.g.
/// http://localhost:6334; <c>QDRANT_API_KEY</c> if needed). Skipped when <c>QDRANT_URL</c> is unset.
/// Each case uses its own alias and drops its collections afterwards.
/// </summary>
[Trait("Category", "Integration")]
[RequiresEnvironmentVariable("QDRANT_URL")]
public sealed class RealQdrantChunkIndexContractTests : ChunkIndexContract
{
    private QdrantIndexHandle? _handle;

    protected override Task<IChunkIndex> CreateIndexAsync(CancellationToken cancellationToken)
    {
        _handle = QdrantIndexHandle.Create(Environment.GetEnvironmentVariable("QDRANT_URL")!, o =>
        {
            o.ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY");
            o.CallTimeout = TimeSpan.FromSeconds(30);
        });
        return Task.FromResult<IChunkIndex>(_handle.Index);
    }

    public override async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            var prefixes = new[] { _handle.Options.Collection + "-v", _handle.Options.Collection + "-answering-v" };
            foreach (var name in await _handle.Client.ListCollectionsAsync())
            {
                if (prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))) await _handle.Client.DeleteCollectionAsync(name);
            }
            _handle.Dispose();
        }
        await base.DisposeAsync();
    }
}
