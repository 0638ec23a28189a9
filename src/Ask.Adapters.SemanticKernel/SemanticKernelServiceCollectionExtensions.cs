using Ask.Adapters.SemanticKernel.Answering;
using Ask.Adapters.SemanticKernel.Prompts;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Core.Answering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;
using Polly.Telemetry;

namespace Ask.Adapters.SemanticKernel;

public static class SemanticKernelServiceCollectionExtensions
{
    /// <summary>
    /// Answers with a chat model at an OpenAI-compatible endpoint (generative mode): registers
    /// <see cref="IAnswerModel"/>, the prompt library, the <see cref="LlmPipeline.Name"/> resilience pipeline and
    /// the structured-outputs startup check (<see cref="StructuredOutputs"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad key.</exception>
    public static IServiceCollection AddSemanticKernelAnswerModel(this IServiceCollection services, LlmOptions options)
    {
        var validation = new LlmOptionsValidator().Validate(null, options);
        if (validation.Failed)
            throw new ArgumentException(string.Join(" ", validation.Failures ?? []), nameof(options));

        services.TryAddSingleton(TimeProvider.System);
        // Readiness (/ready) asks the same endpoint whether it is reachable.
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => new PromptLibrary());
        // Readiness shows it too; the startup check fills it in unless Llm:ProbeStructuredOutputs is false.
        services.TryAddSingleton<StructuredOutputs>();
        services.AddHostedService<StructuredOutputsStartupCheck>();
        services.AddResiliencePipeline(LlmPipeline.Name, (builder, context) =>
        {
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmPipeline).FullName!);
            LlmPipeline.Configure(builder, options, logger);
            // Polly reports every timeout at Error; here an attempt timeout is retried and a spent budget is
            // reported by the caller, so Warning keeps error logs for failures nobody handles.
            var telemetry = new TelemetryOptions(context.GetOptions<TelemetryOptions>())
            {
                SeverityProvider = args => args.Event.EventName == "OnTimeout" ? ResilienceEventSeverity.Warning : args.Event.Severity,
            };
            builder.ConfigureTelemetry(telemetry);
        });
        services.AddSingleton<IAnswerModel>(sp => new SemanticKernelAnswerModel(
            options,
            sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(LlmPipeline.Name),
            sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<ILogger<SemanticKernelAnswerModel>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StructuredOutputs>()));
        return services;
    }

    /// <summary>
    /// Judges golden facts with the model <see cref="AddSemanticKernelAnswerModel"/> registered, by a majority of
    /// <paramref name="votes"/> votes.
    /// </summary>
    public static IServiceCollection AddSemanticKernelFactJudge(this IServiceCollection services, int votes)
    {
        services.AddSingleton<Ask.Core.Evaluation.IFactJudge>(sp => new Evaluation.LlmFactJudge(
            (SemanticKernelAnswerModel)sp.GetRequiredService<IAnswerModel>(), sp.GetRequiredService<PromptLibrary>(), votes));
        return services;
    }
}
