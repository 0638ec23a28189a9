using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ask.Core.Answering;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Faults degrade, never stop: oversized bodies, replays, invalid questions and a failing feedback database.</summary>
public sealed class SlackFaultTests(SlackFaultTests.Fixture fixture) : IClassFixture<SlackFaultTests.Fixture>
{
    /// <summary>The feedback database cannot be opened: a file stands where its folder should be.</summary>
    public sealed class Fixture : SlackFixture
    {
        public string Blocker => Path.Combine(App.DataDirectory, "feedback-folder");

        protected override void Configure(Dictionary<string, string?> settings)
        {
            Directory.CreateDirectory(App.DataDirectory);
            File.WriteAllText(Blocker, "not a folder");
            settings["Slack:FeedbackDatabase"] = Path.Combine(Blocker, "feedback.db");
        }
    }

    private const int MaxBodyBytes = 1 << 20;

    /// <summary>A slash command form of exactly <paramref name="bytes"/> bytes.</summary>
    private static string CommandOfSize(int bytes, string trigger)
    {
        var head = $"command=%2Fask&user_id=UBIG&channel_id=CBIG&trigger_id={trigger}&text=";
        return head + new string('a', bytes - Encoding.UTF8.GetByteCount(head));
    }

    [Fact]
    public async Task ABodyAtTheLimitIsReadAndOneByteMoreIs413()
    {
        var atLimit = await fixture.SendAsync(fixture.Requests.Command(CommandOfSize(MaxBodyBytes, "t-big-1")));
        var over = await fixture.SendAsync(fixture.Requests.Command(CommandOfSize(MaxBodyBytes + 1, "t-big-2")));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        // The question in it is far over the question limit: said in the acknowledgement, like the API says it.
        var ack = await atLimit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ephemeral", ack.GetProperty("response_type").GetString());
        Assert.Contains($"the limit is {RequestLimits.MaxQuestionChars}", ack.GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }

    [Fact]
    public async Task AReplayedSlashCommandIsAnsweredOnce()
    {
        var id = "replay" + Guid.NewGuid().ToString("N")[..8];
        var form = $"command=%2Fask&text=vendor+lock-in&user_id=UREPLAY&channel_id=CREPLAY&trigger_id=trig-{id}&response_url={Uri.EscapeDataString(fixture.Slack.ResponseUrl(id))}";

        var queued = fixture.Log.Count(" queued");

        var first = await (await fixture.SendAsync(fixture.Requests.Command(form))).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await fixture.SendAsync(fixture.Requests.Command(form))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("in_channel", first.GetProperty("response_type").GetString());
        Assert.Equal("ephemeral", again.GetProperty("response_type").GetString());
        // The inbox decides before it acknowledges: only the first was queued, so only it can answer.
        Assert.Equal(queued + 1, fixture.Log.Count(" queued"));
        await fixture.Slack.WaitUntilAsync(() => fixture.Slack.CallsTo("response_url").Any(c => c.Path.EndsWith(id, StringComparison.Ordinal)), () => "no response_url call for " + id);
        Assert.Single(fixture.Slack.CallsTo("response_url"), c => c.Path.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMentionWithAControlCharacterIsToldWhatIsWrongAndNotAnswered()
    {
        var channel = SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-ctl", SlackRequests.Mention(channel, "UCTL", "7.1", "vendor\u0007lock-in"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Contains("control character (U+0007)", post.Text);
    }

    [Fact]
    public async Task WithTheFeedbackDatabaseFailingQuestionsAreStillAnswered()
    {
        var (a, b) = (SlackFixture.NewChannel(), SlackFixture.NewChannel());

        await fixture.SendEventAsync("Ev-fb1", SlackRequests.Mention(a, "UFB1", "8.1", "vendor lock-in"));
        await fixture.SendEventAsync("Ev-fb2", SlackRequests.Mention(b, "UFB2", "8.2", "vendor lock-in"));

        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(a)).Single().BlocksText);
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(b)).Single().BlocksText);
    }
}
