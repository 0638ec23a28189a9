using System.Net;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Feedback;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>
/// Two Slack-enabled replicas behind one Slack app: each its own host and data folder, one Slack database
/// (<c>Slack:FeedbackDatabase</c>) on storage both reach. Slack delivers each event and its retries to
/// whichever replica the load balancer picks.
/// </summary>
public sealed class SlackReplicasTests(SlackReplicasTests.Fixture fixture) : IClassFixture<SlackReplicasTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string _shared = Path.Combine(Path.GetTempPath(), "ask-slack-shared-" + Guid.NewGuid().ToString("N"));

        public FakeSlackServer Slack { get; private set; } = null!;
        public AskApplication[] Hosts { get; } = [new(), new()];
        public HttpClient[] Replicas { get; private set; } = [];
        public SlackRequests Requests { get; } = new(SlackFixture.SigningSecret);
        public string Database => Path.Combine(_shared, "slack.db");

        public async Task InitializeAsync()
        {
            Slack = await FakeSlackServer.StartAsync();
            foreach (var host in Hosts)
            {
                host.Settings["Slack:SigningSecret"] = SlackFixture.SigningSecret;
                host.Settings["Slack:BotToken"] = SlackFixture.BotToken;
                host.Settings["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl;
                host.Settings["Slack:FeedbackDatabase"] = Database;
                // One worker answers in arrival order, so a question queued after a duplicate is answered after it would have been.
                host.Settings["Slack:Workers"] = "1";
            }
            Replicas = Hosts.Select(h => h.CreateRealClient()).ToArray();
            foreach (var replica in Replicas) await SampleServiceTests.WaitUntilIndexReadyAsync(replica);
        }

        public async Task DisposeAsync()
        {
            foreach (var host in Hosts) await host.DisposeAsync();
            await Slack.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(_shared)) Directory.Delete(_shared, recursive: true);
        }

        public IReadOnlyList<SlackCall> PostsIn(string channel) =>
            Slack.CallsTo("chat.postMessage").Where(c => c.Body["channel"]?.GetValue<string>() == channel).ToArray();

        public async Task<IReadOnlyList<SlackCall>> WaitForPostsAsync(string channel, int count = 1)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (PostsIn(channel).Count < count)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"only {PostsIn(channel).Count} of {count} posts in {channel}");
                await Task.Delay(20);
            }
            return PostsIn(channel);
        }

        /// <summary>A question queued on every replica and answered: whatever either had queued before it is answered too.</summary>
        public async Task AfterBothQueuesSettleAsync(string channel)
        {
            for (var r = 0; r < Replicas.Length; r++)
            {
                var probe = $"{channel}p{r}";
                await Replicas[r].SendAsync(Requests.Event(SlackRequests.Callback("Ev-probe-" + probe, SlackRequests.Mention(probe, "UPROBE" + probe, "1.1", "vendor lock-in"))));
                await WaitForPostsAsync(probe);
            }
        }
    }

    [Fact]
    public async Task AnEventAndItsRetryOnTheOtherReplicaAreAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        var inner = SlackRequests.Mention(channel, "UREP1", "1700000101.000100", "What did Ravi say about vendor lock-in?");
        var retry = fixture.Requests.Event(SlackRequests.Callback("Ev-rep-" + channel, inner));
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Replicas[0].SendAsync(fixture.Requests.Event(SlackRequests.Callback("Ev-rep-" + channel, inner)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Replicas[1].SendAsync(retry)).StatusCode);

        await fixture.WaitForPostsAsync(channel);
        await fixture.AfterBothQueuesSettleAsync(channel);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task OneEventDeliveredToBothReplicasAtOnceIsAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        var payload = SlackRequests.Callback("Ev-both-" + channel, SlackRequests.Mention(channel, "UREP2", "1700000102.000100", "What went wrong with the feature store in production?"));

        var responses = await Task.WhenAll(fixture.Replicas.SelectMany(r => new[] { r, r }).Select(r => r.SendAsync(fixture.Requests.Event(payload))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await fixture.WaitForPostsAsync(channel);
        await fixture.AfterBothQueuesSettleAsync(channel);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task VotesOnBothReplicasLandInOneFeedbackStore()
    {
        var channel = SlackFixture.NewChannel();
        await fixture.Replicas[0].SendAsync(fixture.Requests.Event(SlackRequests.Callback("Ev-votes-" + channel,
            SlackRequests.Mention(channel, "UREP3", "1700000103.000100", "How did they monitor the fraud model before labels arrived?"))));
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        var answerId = post.Body["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await fixture.Replicas[0].SendAsync(Vote(channel, post, "UVOTE1", "feedback_helpful", answerId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Replicas[1].SendAsync(Vote(channel, post, "UVOTE2", "feedback_not_helpful", answerId))).StatusCode);

        var voted = Assert.Single(await new FeedbackStore(fixture.Database, TimeProvider.System).VotedAsync(CancellationToken.None), v => v.Answer.Id == answerId);
        Assert.Equal((1, 1), (voted.Helpful, voted.NotHelpful));
        Assert.Contains("fraud model", voted.Answer.Question);
        // The second replica's tally counts the first replica's vote: both read the one store.
        var updates = await fixture.Slack.WaitForAsync("chat.update", 2);
        Assert.Contains(updates, u => u.Body["channel"]?.GetValue<string>() == channel && u.BlocksText.Contains("Feedback so far: 1 helpful · 1 not helpful", StringComparison.Ordinal));
    }

    private HttpRequestMessage Vote(string channel, SlackCall post, string user, string action, string answerId) => fixture.Requests.Interaction(new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user },
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = "1700000103.000200" },
        ["message"] = new JsonObject { ["text"] = post.Text, ["blocks"] = post.Body["blocks"]!.DeepClone() },
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = action, ["value"] = answerId }),
    });
}
