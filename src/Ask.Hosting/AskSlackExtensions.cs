using Ask.Adapters.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>The Slack bot on top of <see cref="AskServiceCollectionExtensions.AddAsk"/>, keeping its feedback next to the index.</summary>
public static class AskSlackExtensions
{
    public const string FeedbackFileName = "slack-feedback.db";

    public static IServiceCollection AddAskSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlack(configuration);
        services.AddOptions<SlackOptions>().PostConfigure<IOptions<AskOptions>>((slack, ask) =>
        {
            if (string.IsNullOrWhiteSpace(slack.FeedbackDatabase)) slack.FeedbackDatabase = Path.Combine(Path.GetFullPath(ask.Value.DataDirectory), FeedbackFileName);
        });
        return services;
    }
}
