using Ask.Adapters.SemanticKernel.Chat;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Telemetry;

namespace Ask.Adapters.SemanticKernel;

public static class SemanticKernelServiceCollectionExtensions
{
    /// <summary>
    /// Answers with a chat model at an OpenAI-compatible endpoint (generative mode): binds <see cref="LlmOptions"/> from
    /// <paramref name="section"/> (the host's <c>Llm</c> section), then <paramref name="configure"/>, checked at start;
    /// registers Semantic Kernel's connector as the <see cref="IChatClient"/> behind the <see cref="LlmPipeline.Name"/>
    /// resilience pipeline, the shared answer model (<see cref="IAnswerModel"/>) over it, and the structured-outputs
    /// startup check (<see cref="StructuredOutputs"/>). Its clock is the host's <see cref="TimeProvider"/>, else the system's.
    /// </summary>
    public static IServiceCollection AddSemanticKernelAnswerModel(this IServiceCollection services, IConfiguration section, Action<LlmOptions>? configure = null)
    {
        var options = services.AddLlmOptions(section);
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        // Readiness (/ready) asks the same endpoint whether it is reachable; only this provider registers the options
        // themselves, so readiness knows there is an endpoint to ask.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value);
        services.AddResiliencePipeline(LlmPipeline.Name, (builder, context) =>
        {
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmPipeline).FullName!);
            LlmPipeline.Configure(builder, context.ServiceProvider.GetRequiredService<LlmOptions>(), logger);
            // Polly reports every timeout at Error; here an attempt timeout is retried and a spent budget is
            // reported by the caller, so Warning keeps error logs for failures nobody handles.
            var telemetry = new TelemetryOptions(context.GetOptions<TelemetryOptions>())
            {
                SeverityProvider = args => args.Event.EventName == "OnTimeout" ? ResilienceEventSeverity.Warning : args.Event.Severity,
            };
            builder.ConfigureTelemetry(telemetry);
        });
        services.AddSingleton(sp => new LlmChatClient(sp.GetRequiredService<LlmOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IChatClient>(sp => new SemanticKernelChatClient(
            sp.GetRequiredService<LlmChatClient>(),
            sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(LlmPipeline.Name),
            sp.GetRequiredService<LlmOptions>(),
            sp.GetRequiredService<ILogger<SemanticKernelChatClient>>()));
        services.AddSingleton(sp => AnswerSettings(sp.GetRequiredService<LlmOptions>()));
        services.AddChatAnswerModel();
        // Readiness shows the outcome; the check fills it in unless Llm:ProbeStructuredOutputs is false.
        services.AddHostedService<StructuredOutputsStartupCheck>();
        return services;
    }

    private static ChatAnswerSettings AnswerSettings(LlmOptions options) => new(LlmProvider.Detect(options), options.Model, options.ContextTokens,
        options.MaxOutputTokens, options.RewriteMaxOutputTokens, options.Temperature, options.Seed);
}
