using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>One answerer, a queue of one and two questions a minute per person: what the bot says when it is busy.</summary>
public sealed class SlackLimitsTests(SlackLimitsTests.Fixture fixture) : IClassFixture<SlackLimitsTests.Fixture>
{
    public sealed class Fixture : SlackFixture
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Slack:Workers"] = "1";
            settings["Slack:QueueCapacity"] = "1";
            settings["Slack:UserQuestionsPerMinute"] = "2";
        }
    }

    [Fact]
    public async Task FullQueueTellsTheAskerToRetryAndDropsNothingSilently()
    {
        var (a, b, c) = (SlackFixture.NewChannel(), SlackFixture.NewChannel(), SlackFixture.NewChannel());
        // The first answer's post hangs at Slack for a while, so the one worker is busy with it.
        fixture.Slack.Script("chat.postMessage", SlackReply.SlowOk(TimeSpan.FromSeconds(3)));
        await fixture.SendEventAsync("Ev-qa", SlackRequests.Mention(a, "UQA", "2.1", "vendor lock-in"));
        await fixture.Slack.WaitForAsync("chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, (await fixture.SendEventAsync("Ev-qb", SlackRequests.Mention(b, "UQB", "2.2", "vendor lock-in"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendEventAsync("Ev-qc", SlackRequests.Mention(c, "UQC", "2.3", "vendor lock-in"))).StatusCode);

        var busy = (await fixture.WaitForPostsAsync(c)).Single();
        Assert.Contains("please ask again in a minute", busy.Text);
        Assert.Equal("2.3", busy.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(b)).Single().BlocksText);
    }

    [Fact]
    public async Task PersonOverTheRateLimitGetsAFriendlyMessage()
    {
        var channels = new[] { SlackFixture.NewChannel(), SlackFixture.NewChannel(), SlackFixture.NewChannel() };
        for (var i = 0; i < channels.Length; i++)
        {
            await fixture.SendEventAsync($"Ev-rl{i}", SlackRequests.Mention(channels[i], "URATE", $"3.{i}", "vendor lock-in"));
            await fixture.WaitForPostsAsync(channels[i]);
        }

        Assert.Contains("_Sample:", fixture.PostsIn(channels[1]).Single().BlocksText);
        Assert.Contains("You've asked 2 questions in the last minute", fixture.PostsIn(channels[2]).Single().Text);
    }

    [Fact]
    public async Task SlashCommandOverTheRateLimitIsTurnedAwayInTheAcknowledgement()
    {
        var acks = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var url = Uri.EscapeDataString(fixture.Slack.ResponseUrl($"limit{i}"));
            var response = await fixture.SendAsync(fixture.Requests.Command($"command=%2Fask&text=vendor+lock-in&user_id=UCMDRATE&channel_id=CCMD{i}&response_url={url}"));
            acks.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
            // The queue holds one question: let each answer go out before the next command.
            if (i < 2) await fixture.Slack.WaitForAsync("response_url", i + 1);
        }

        Assert.Equal("in_channel", acks[1].GetProperty("response_type").GetString());
        Assert.Equal("ephemeral", acks[2].GetProperty("response_type").GetString());
        Assert.Contains("You've asked 2 questions in the last minute", acks[2].GetProperty("text").GetString());
    }
}
