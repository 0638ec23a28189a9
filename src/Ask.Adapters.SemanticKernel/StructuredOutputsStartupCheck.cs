using Ask.Adapters.SemanticKernel.Answering;
using Ask.Core.Answering;
using Microsoft.Extensions.Hosting;

namespace Ask.Adapters.SemanticKernel;

/// <summary>
/// Asks the provider at host start whether it takes <c>response_format: json_schema</c>, so a provider
/// without structured outputs gets json_object from the first question on. Advisory: it never stops the start.
/// </summary>
internal sealed class StructuredOutputsStartupCheck(IAnswerModel model, LlmOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.ProbeStructuredOutputs && model is SemanticKernelAnswerModel remote
            ? remote.ProbeStructuredOutputsAsync(cancellationToken)
            : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
