using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Slack's Web API rate-limiting or failing while the bot posts answers.</summary>
public sealed class SlackApiFailureTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    [Fact]
    public async Task RateLimitedPostIsRetriedAfterRetryAfterAndPostedOnce()
    {
        var channel = SlackFixture.NewChannel();
        fixture.Slack.Script("chat.postMessage", SlackReply.RateLimited(2));

        await fixture.SendEventAsync("Ev-429-" + channel, SlackRequests.Mention(channel, "UF1", "4.1", "vendor lock-in"));

        // That the retry waits what Retry-After asks is shown on a fake clock by the Web API client's own tests.
        var attempts = await fixture.WaitForPostsAsync(channel, 2);
        Assert.Equal(2, attempts.Count);
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.Equal(attempts[0].Body.ToJsonString(), attempts[1].Body.ToJsonString());
    }

    [Fact]
    public async Task SlackFailingGivesUpAfterTheAttemptsAndTheNextQuestionIsStillAnswered()
    {
        var down = SlackFixture.NewChannel();
        fixture.Slack.Script("chat.postMessage", Enumerable.Repeat(SlackReply.WithStatus(503, "upstream down"), 4).ToArray());

        await fixture.SendEventAsync("Ev-down-" + down, SlackRequests.Mention(down, "UF2", "5.1", "vendor lock-in"));
        await fixture.WaitForPostsAsync(down, 4);

        var after = SlackFixture.NewChannel();
        await fixture.SendEventAsync("Ev-after-" + after, SlackRequests.Mention(after, "UF3", "5.2", "vendor lock-in"));
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(after)).Single().BlocksText);
        Assert.Equal(4, fixture.PostsIn(down).Count);
    }
}
