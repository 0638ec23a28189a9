using Ask.Adapters.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>The Slack bot on top of <see cref="AskServiceCollectionExtensions.AddAsk"/>, keeping its feedback next to the index.</summary>
public static class AskSlackExtensions
{
    public const string FeedbackFileName = SlackFeedbackLocation.FileName;

    public static IServiceCollection AddAskSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSlack(configuration);
        services.AddSingleton<IPostConfigureOptions<SlackOptions>, SlackFeedbackLocation>();
        return services;
    }
}
