using Ask.Adapters.SemanticKernel.Chat;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;
using Polly.Telemetry;

namespace Ask.Adapters.SemanticKernel;

public static class SemanticKernelServiceCollectionExtensions
{
    /// <summary>
    /// Answers with a chat model at an OpenAI-compatible endpoint (generative mode): registers Semantic Kernel's
    /// connector as the <see cref="IChatClient"/> behind the <see cref="LlmPipeline.Name"/> resilience pipeline, the
    /// shared answer model (<see cref="IAnswerModel"/>) over it, and the structured-outputs startup check
    /// (<see cref="StructuredOutputs"/>).
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
        services.AddSingleton(sp => new LlmChatClient(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChatClient>(sp => new SemanticKernelChatClient(
            sp.GetRequiredService<LlmChatClient>(),
            sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(LlmPipeline.Name),
            options,
            sp.GetRequiredService<ILogger<SemanticKernelChatClient>>()));
        services.AddSingleton(new ChatAnswerSettings(LlmProvider.Detect(options), options.Model, options.ContextTokens,
            options.MaxOutputTokens, options.RewriteMaxOutputTokens, options.Temperature, options.Seed));
        services.AddChatAnswerModel();
        // Readiness shows the outcome; the check fills it in unless Llm:ProbeStructuredOutputs is false.
        services.AddHostedService<StructuredOutputsStartupCheck>();
        return services;
    }
}
