using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Qdrant;

/// <summary>Runs <see cref="QdrantChunkIndex.CheckAsync"/> at host start, so a wrong URL or port stops the process at boot.</summary>
internal sealed class QdrantStartupCheck(QdrantChunkIndex index, IOptions<QdrantOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CheckOnStart) await index.CheckAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
