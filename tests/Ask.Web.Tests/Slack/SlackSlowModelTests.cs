using System.Net;
using Ask.Testing.FakeOpenAI;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>
/// A language model that never answers in time (slow acknowledgements make Slack redeliver): Slack's retry of the event arrives while
/// the first delivery is still being answered, and the bot must acknowledge both and answer once.
/// </summary>
public sealed class SlackSlowModelTests(SlackSlowModelTests.Fixture fixture) : IClassFixture<SlackSlowModelTests.Fixture>
{
    public sealed class Fixture : SlackFixture
    {
        public FakeChatServer Llm { get; private set; } = null!;

        protected override void Configure(Dictionary<string, string?> settings)
        {
            Llm = FakeChatServer.StartAsync(ScriptedReply.NeverAnswers()).GetAwaiter().GetResult();
            settings["Llm:BaseUrl"] = Llm.BaseUrl.ToString();
            settings["Llm:Model"] = "slow-model";
            settings["Llm:ApiKey"] = "sk-test";
            settings["Llm:Timeout"] = "00:00:06";
            settings["Llm:TotalBudget"] = "00:00:07";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Llm.DisposeAsync();
        }
    }

    [Fact]
    public async Task RetryArrivingWhileTheModelIsStillThinkingIsAcknowledgedAndAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        var inner = SlackRequests.Mention(channel, "USLOW", "8.1", "Why did the SQL dialect make the warehouse migration slow?");
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendEventAsync("Ev-slow", inner)).StatusCode);
        await fixture.Llm.WaitForRequestsAsync(1);
        var retry = fixture.Requests.Event(SlackRequests.Callback("Ev-slow", inner));
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");

        var response = await fixture.SendAsync(retry);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.PostsIn(channel));
        // The inbox decides before it acknowledges: the retry was turned away as a duplicate, not queued.
        Assert.Contains("(retry: 1 (http_timeout))", await fixture.Log.WaitForAsync("duplicate ignored (retry: 1"));
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Contains("fell back to quotes", post.BlocksText);
    }
}
