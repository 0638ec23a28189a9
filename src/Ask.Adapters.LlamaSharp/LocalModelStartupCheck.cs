using Ask.Adapters.LlamaSharp.Model;
using Microsoft.Extensions.Hosting;

namespace Ask.Adapters.LlamaSharp;

/// <summary>
/// Loads the model while the host starts, so a missing, damaged or unsupported model file (or one too big
/// for memory) stops the service with its reason instead of failing the first question.
/// </summary>
internal sealed class LocalModelStartupCheck(LocalModel model) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => _ = model.Loaded, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
