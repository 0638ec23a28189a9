using System.Net;
using Ask.Adapters.Slack;
using Ask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Web.Tests.Slack;

public sealed class SlackConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ask:DataDirectory"] = "/var/ask" })
            .AddAskEnvironmentVariables(environment)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<AskOptions>().Bind(configuration.GetSection(AskOptions.Section));
        services.AddAskSlack(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void SlackVariablesBindTheSlackOptionsAndFeedbackGoesInTheDataFolder()
    {
        using var services = Build(new()
        {
            ["SLACK_SIGNING_SECRET"] = "secret", ["SLACK_BOT_TOKEN"] = "xoxb-1", ["SLACK_APP_TOKEN"] = "xapp-1", ["SLACK_API_BASE_URL"] = "http://proxy:8080/api/",
        });

        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal(("secret", "xoxb-1", "xapp-1", "http://proxy:8080/api/"), (options.SigningSecret, options.BotToken, options.AppToken, options.ApiBaseUrl));
        Assert.True(options.SocketMode);
        Assert.Equal(Path.Combine("/var/ask", "slack-feedback.db"), options.FeedbackDatabase);
    }

    [Fact]
    public void SigningSecretWithoutBotTokenStopsTheServiceNamingTheVariable()
    {
        using var services = Build(new() { ["SLACK_SIGNING_SECRET"] = "secret" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains("SLACK_BOT_TOKEN", error.Message);
    }

    [Fact]
    public void ApiBaseUrlThatIsNotAUrlIsRefused()
    {
        using var services = Build(new() { ["SLACK_SIGNING_SECRET"] = "s", ["SLACK_BOT_TOKEN"] = "xoxb-1", ["SLACK_API_BASE_URL"] = "slack.com" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);

        Assert.Contains("SLACK_API_BASE_URL", error.Message);
    }

    [Fact]
    public async Task WithoutASigningSecretTheSlackEndpointsDoNotExist()
    {
        await using var app = new AskApplication();
        using var client = app.CreateRealClient();

        var response = await client.PostAsync("/slack/events", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
