using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Retrieval;
using Ask.Testing.Contracts;

namespace Ask.Adapters.Tests.EmbeddedIndex;

public sealed class EmbeddedChunkIndexContractTests : ChunkIndexContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-embedded-" + Guid.NewGuid().ToString("N"));
    private EmbeddedChunkIndex? _index;

    protected override Task<IChunkIndex> CreateIndexAsync(CancellationToken cancellationToken)
    {
        _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        return Task.FromResult<IChunkIndex>(_index);
    }

    public override async Task DisposeAsync()
    {
        _index?.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        await base.DisposeAsync();
    }
}
