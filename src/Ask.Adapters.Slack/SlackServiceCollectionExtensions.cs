using Ask.Adapters.Slack.Answering;
using Ask.Adapters.Slack.Endpoints;
using Ask.Adapters.Slack.Feedback;
using Ask.Adapters.Slack.Signing;
using Ask.Adapters.Slack.SocketMode;
using Ask.Adapters.Slack.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Ask.Adapters.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>How long a delivered event's key is remembered; Slack redelivers within about five minutes.</summary>
    private static readonly TimeSpan ClaimWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The Slack bot: options from section <c>Slack</c>, and — when a signing secret or an app token is
    /// set — the inbox, the answer queue and its workers, the Web API client and (with an app token) Socket Mode.
    /// Its rate limits, dedup window, signature age and retries run on the host's <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<SlackOptions, SlackOptionsValidator>(configuration.GetSection(SlackOptions.Section)).ValidateDataAnnotations();
        var configured = configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        if (!configured.Enabled) return services;

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value);
        // No request logging: a response_url carries a secret in its path, and the factory logs URLs.
        services.AddHttpClient(SlackPipelineNames.HttpClient, client => client.Timeout = TimeSpan.FromSeconds(90)).RemoveAllLoggers();
        services.AddResiliencePipeline<string, HttpResponseMessage>(SlackPipelineNames.WebApi, (pipeline, context) =>
            SlackWebApiPipeline.Configure(pipeline, context.ServiceProvider.GetRequiredService<SlackOptions>().MaxAttempts,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SlackWebApi(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(SlackPipelineNames.HttpClient),
            sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<HttpResponseMessage>(SlackPipelineNames.WebApi),
            sp.GetRequiredService<SlackOptions>(),
            sp.GetRequiredService<ILogger<SlackWebApi>>()));

        services.AddSingleton(sp => new SlackSignatureVerifier(
            System.Text.Encoding.UTF8.GetBytes(sp.GetRequiredService<SlackOptions>().SigningSecret ?? ""), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignedBody>();
        services.AddSingleton(sp => new FeedbackStore(sp.GetRequiredService<SlackOptions>().FeedbackDatabase!, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FeedbackStore>>()));
        services.AddSingleton(sp => new AnswerQueue(sp.GetRequiredService<SlackOptions>().QueueCapacity));
        services.AddSingleton(sp => new RecentKeys(sp.GetRequiredService<TimeProvider>(), ClaimWindow));
        // The same file as the feedback: one database to put on a volume the replicas share.
        services.AddSingleton(sp => new SharedEventClaims(sp.GetRequiredService<SlackOptions>().FeedbackDatabase!, sp.GetRequiredService<TimeProvider>(), ClaimWindow));
        services.AddSingleton<EventClaims>();
        services.AddSingleton<AskerRateLimits>();
        services.AddSingleton<SlackNotices>();
        services.AddSingleton<SlackIdentity>();
        services.AddSingleton<ThreadHistory>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<SlackInbox>();
        services.AddHostedService<SlackAnswerWorker>();
        if (configured.SocketMode) services.AddHostedService<SocketModeWorker>();
        return services;
    }
}
