using System.Text.Json.Nodes;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Socket Mode against a local WebSocket server speaking Slack's envelopes, sharing the HTTP path's handling.</summary>
public sealed class SlackSocketModeTests(SlackSocketModeTests.Fixture fixture) : IClassFixture<SlackSocketModeTests.Fixture>
{
    public sealed class Fixture : SlackFixture
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:AppToken"] = "xapp-test-token";
    }

    private static int _envelopes;

    private static JsonObject EventsEnvelope(string eventId, JsonObject inner, int retryAttempt = 0) => new()
    {
        ["type"] = "events_api",
        ["envelope_id"] = "env-" + Interlocked.Increment(ref _envelopes),
        ["accepts_response_payload"] = false,
        ["retry_attempt"] = retryAttempt,
        ["retry_reason"] = retryAttempt > 0 ? "timeout" : "",
        ["payload"] = SlackRequests.Callback(eventId, inner),
    };

    [Fact]
    public async Task EnvelopeIsAckedBeforeTheAnswerIsPostedInTheThread()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var channel = SlackFixture.NewChannel();
        var envelope = EventsEnvelope("Ev-sm1-" + channel, SlackRequests.Mention(channel, "US1", "6.1", "What did Ravi say about vendor lock-in?"));

        await fixture.Slack.SendEnvelopeAsync(envelope);

        var ack = await fixture.Slack.WaitForAckAsync(envelope["envelope_id"]!.GetValue<string>());
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.True(ack.At < post.At);
        Assert.Equal("6.1", post.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("_Sample:", post.BlocksText);
        Assert.Equal("Bearer xapp-test-token", fixture.Slack.CallsTo("apps.connections.open")[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task RedeliveredEnvelopeIsAckedButNotAnsweredAgain()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var channel = SlackFixture.NewChannel();
        var inner = SlackRequests.Mention(channel, "US2", "6.2", "vendor lock-in");
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm2-" + channel, inner));
        await fixture.WaitForPostsAsync(channel);
        var redelivery = EventsEnvelope("Ev-sm2-" + channel, inner, retryAttempt: 1);

        await fixture.Slack.SendEnvelopeAsync(redelivery);

        await fixture.Slack.WaitForAckAsync(redelivery["envelope_id"]!.GetValue<string>());
        var probe = SlackFixture.NewChannel();
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm2p-" + probe, SlackRequests.Mention(probe, "US2P", "6.3", "vendor lock-in")));
        await fixture.WaitForPostsAsync(probe);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task DisconnectRequestReconnectsAndTheNextEnvelopeIsProcessed()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var before = fixture.Slack.Connections;

        await fixture.Slack.SendDisconnectAsync("refresh_requested");

        await fixture.Slack.WaitForConnectionsAsync(before + 1);
        var channel = SlackFixture.NewChannel();
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm3-" + channel, SlackRequests.Mention(channel, "US3", "6.4", "vendor lock-in")));
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(channel)).Single().BlocksText);
    }

    [Fact]
    public async Task DroppedSocketReconnectsAndTheNextEnvelopeIsProcessed()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var before = fixture.Slack.Connections;

        fixture.Slack.DropNewestSocket();

        await fixture.Slack.WaitForConnectionsAsync(before + 1);
        var channel = SlackFixture.NewChannel();
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm4-" + channel, SlackRequests.Mention(channel, "US4", "6.5", "vendor lock-in")));
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(channel)).Single().BlocksText);
    }

    [Fact]
    public async Task AMessageOverTheFrameLimitEndsTheConnectionAndTheNextOneIsProcessed()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var before = fixture.Slack.Connections;
        var huge = SlackFixture.NewChannel();
        var oversized = EventsEnvelope("Ev-sm-big-" + huge, SlackRequests.Mention(huge, "USBIG", "6.9", new string('a', 1 << 20)));

        await fixture.Slack.SendEnvelopeAsync(oversized);

        await fixture.Slack.WaitForConnectionsAsync(before + 1);
        var channel = SlackFixture.NewChannel();
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm-after-" + channel, SlackRequests.Mention(channel, "USAFTER", "6.10", "vendor lock-in")));
        Assert.Contains("_Sample:", (await fixture.WaitForPostsAsync(channel)).Single().BlocksText);
        Assert.Empty(fixture.PostsIn(huge));
    }

    [Fact]
    public async Task FeedbackButtonOverTheSocketIsAckedStoredAndTallied()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var channel = SlackFixture.NewChannel();
        await fixture.Slack.SendEnvelopeAsync(EventsEnvelope("Ev-sm6-" + channel, SlackRequests.Mention(channel, "US6", "6.6", "vendor lock-in")));
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        var answerId = post.Body["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
        var envelope = new JsonObject
        {
            ["type"] = "interactive",
            ["envelope_id"] = "env-vote-" + channel,
            ["payload"] = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = "US6" },
                ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = "6.7" },
                ["message"] = new JsonObject { ["text"] = post.Text, ["blocks"] = post.Body["blocks"]!.DeepClone() },
                ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "feedback_helpful", ["value"] = answerId }),
            },
        };

        await fixture.Slack.SendEnvelopeAsync(envelope);

        await fixture.Slack.WaitForAckAsync("env-vote-" + channel);
        var updates = await fixture.Slack.WaitForAsync("chat.update");
        Assert.Contains(updates, u => u.Body["channel"]?.GetValue<string>() == channel && u.BlocksText.Contains("1 helpful · 0 not helpful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlashCommandEnvelopeIsAckedWithTheLookingReplyAndAnsweredThroughTheResponseUrl()
    {
        await fixture.Slack.WaitForConnectionsAsync(1);
        var id = Guid.NewGuid().ToString("N");
        var envelope = new JsonObject
        {
            ["type"] = "slash_commands",
            ["envelope_id"] = "env-cmd-" + id,
            ["accepts_response_payload"] = true,
            ["payload"] = new JsonObject
            {
                ["command"] = "/ask", ["text"] = "vendor lock-in", ["user_id"] = "US5", ["channel_id"] = "CS5", ["response_url"] = fixture.Slack.ResponseUrl(id),
            },
        };

        await fixture.Slack.SendEnvelopeAsync(envelope);

        var ack = await fixture.Slack.WaitForAckAsync("env-cmd-" + id);
        Assert.StartsWith(":mag: Looking…", ack.Body["payload"]!["text"]!.GetValue<string>());
        var answer = await fixture.Slack.WaitForAsync("response_url");
        Assert.Contains(answer, c => c.Path.EndsWith(id, StringComparison.Ordinal) && c.BlocksText.Contains("_Sample:", StringComparison.Ordinal));
    }
}
