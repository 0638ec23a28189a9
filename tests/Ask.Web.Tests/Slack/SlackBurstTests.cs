using System.Net;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>
/// A burst of questions while Slack's Web API rate-limits and fails and the feedback database cannot be
/// opened: every question is acknowledged, then answered or told to retry — none lost — and no post is
/// retried before the <c>Retry-After</c> it was given. (The same run at scale: the bench's <c>slack --faults</c>.)
/// </summary>
public sealed class SlackBurstTests(SlackBurstTests.Fixture fixture) : IClassFixture<SlackBurstTests.Fixture>
{
    /// <summary>A small queue, so a burst overflows it, and a feedback database that cannot be opened.</summary>
    public sealed class Fixture : SlackFixture
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            Directory.CreateDirectory(App.DataDirectory);
            var blocker = Path.Combine(App.DataDirectory, "feedback-folder");
            File.WriteAllText(blocker, "not a folder");
            settings["Slack:FeedbackDatabase"] = Path.Combine(blocker, "feedback.db");
            settings["Slack:QueueCapacity"] = "2";
            settings["Slack:Workers"] = "1";
        }
    }

    private const int Questions = 10;

    [Fact]
    public async Task EveryQuestionOfABurstIsAnsweredOrToldToRetryWhileSlackAndTheFeedbackDatabaseFail()
    {
        // The first posts of the burst meet 429s (Retry-After: 1) and 500s; later ones go through.
        fixture.Slack.Script("chat.postMessage",
            SlackReply.RateLimited(1), SlackReply.WithStatus(500, "internal error"), SlackReply.RateLimited(1), SlackReply.WithStatus(500, "internal error"));
        var channels = Enumerable.Range(0, Questions).Select(_ => SlackFixture.NewChannel()).ToArray();

        var acks = await Task.WhenAll(channels.Select((channel, i) =>
            fixture.SendEventAsync($"Ev-burst-{channel}", SlackRequests.Mention(channel, $"UBURST{i}", $"7.{i}", "What did Ravi say about vendor lock-in?"))));

        Assert.All(acks, ack => Assert.Equal(HttpStatusCode.OK, ack.StatusCode));
        // Every failed attempt is retried: the burst is done when each channel has its message plus the four failures.
        var failing = 4;
        await fixture.Slack.WaitUntilAsync(
            () => fixture.Slack.CallsTo("chat.postMessage").Count(c => channels.Contains(c.Body["channel"]?.GetValue<string>())) >= Questions + failing,
            () => "not every question got its message", TimeSpan.FromMinutes(2));

        var calls = fixture.Slack.CallsTo("chat.postMessage").Where(c => channels.Contains(c.Body["channel"]?.GetValue<string>())).OrderBy(c => c.At).ToArray();
        Assert.Equal(Questions + failing, calls.Length);
        var answered = 0;
        var toldToRetry = 0;
        foreach (var channel in channels)
        {
            var last = calls.Last(c => c.Body["channel"]!.GetValue<string>() == channel);
            Assert.Equal(200, last.Status);
            if (last.BlocksText.Contains("_Sample:", StringComparison.Ordinal)) answered++;
            else if (last.Text?.Contains("please ask again in a minute", StringComparison.Ordinal) == true) toldToRetry++;
            else Assert.Fail($"{channel} got neither an answer nor a retry notice: {last.Text}");
        }
        Assert.Equal(Questions, answered + toldToRetry);
        Assert.True(answered >= 1, "no question was answered");
        Assert.True(toldToRetry >= 1, "the burst never filled the queue");

        // Each 429 was retried with the same message (that the retry waits its Retry-After is shown on a fake clock
        // by the Web API client's own tests).
        var rateLimited = calls.Where(c => c.Status == 429).ToArray();
        Assert.Equal(2, rateLimited.Length);
        Assert.Equal(2, calls.Count(c => c.Status == 500));
        foreach (var limited in rateLimited)
        {
            var channel = limited.Body["channel"]!.GetValue<string>();
            var retry = calls.First(c => c.At > limited.At && c.Body["channel"]!.GetValue<string>() == channel);
            Assert.Equal(limited.Body.ToJsonString(), retry.Body.ToJsonString());
        }
    }
}
