using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Thread follow-ups forgotten on restart: what the bot knows about a thread lives in Slack, so a restarted service still follows it.</summary>
public sealed class SlackRestartTests : IAsyncLifetime
{
    private FakeSlackServer _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackServer.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private async Task<AskApplication> StartAsync()
    {
        var app = new AskApplication();
        app.Settings["Slack:SigningSecret"] = SlackFixture.SigningSecret;
        app.Settings["Slack:BotToken"] = SlackFixture.BotToken;
        app.Settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        await SampleServiceTests.WaitUntilIndexReadyAsync(app.CreateRealClient());
        return app;
    }

    [Fact]
    public async Task FollowUpAfterARestartIsAnsweredInTheThreadWithItsConversation()
    {
        var requests = new SlackRequests(SlackFixture.SigningSecret);
        var parent = _slack.AddUserMessage("CRESTART", "UR1", "<@UBOT> What did Ravi say about vendor lock-in?");
        await using (var before = await StartAsync())
        {
            await before.CreateRealClient().SendAsync(requests.Event(SlackRequests.Callback("Ev-r1", SlackRequests.Mention("CRESTART", "UR1", parent, "What did Ravi say about vendor lock-in?"))));
            await _slack.WaitForAsync("chat.postMessage");
        }
        var reply = _slack.AddUserMessage("CRESTART", "UR1", "<@UBOT> and what did he do about the access rules?", parent);

        await using var after = await StartAsync();
        await after.CreateRealClient().SendAsync(requests.Event(SlackRequests.Callback("Ev-r2", SlackRequests.Mention("CRESTART", "UR1", reply, "and what did he do about the access rules?", threadTs: parent))));

        var posts = await _slack.WaitForAsync("chat.postMessage", 2);
        Assert.Equal(parent, posts[1].Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("Vendor Lock-in", posts[1].BlocksText, StringComparison.OrdinalIgnoreCase);
    }
}
