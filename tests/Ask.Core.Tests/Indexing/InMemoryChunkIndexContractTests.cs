using Ask.Core.Retrieval;
using Ask.Testing.Contracts;
using Ask.Testing.Indexing;

namespace Ask.Core.Tests.Indexing;

/// <summary>The index the core's orchestrator tests run over keeps the promises of the real stores.</summary>
public sealed class InMemoryChunkIndexContractTests : ChunkIndexContract
{
    protected override Task<IChunkIndex> CreateIndexAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IChunkIndex>(new InMemoryChunkIndex());
}
