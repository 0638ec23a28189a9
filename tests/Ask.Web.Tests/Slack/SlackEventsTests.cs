using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Testing.FakeSlack;

namespace Ask.Web.Tests.Slack;

/// <summary>Events API through the running service: signed events in, answers posted to the fake Slack.</summary>
public sealed class SlackEventsTests(SlackFixture fixture) : IClassFixture<SlackFixture>
{
    [Fact]
    public async Task UrlVerificationEchoesTheChallenge()
    {
        var response = await fixture.SendAsync(fixture.Requests.Event(new JsonObject { ["type"] = "url_verification", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task MentionIsAnsweredInItsThreadWithCitationsLinkingToTheMoments()
    {
        var channel = SlackFixture.NewChannel();

        var response = await fixture.SendEventAsync("Ev-mention-" + channel, SlackRequests.Mention(channel, "U1", "1700000001.000100", "What did Ravi say about vendor lock-in?"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Equal("1700000001.000100", post.Body["thread_ts"]!.GetValue<string>());
        Assert.Equal("Bearer " + SlackFixture.BotToken, post.Headers["Authorization"]);
        Assert.Contains("[1]", post.Text);
        var blocks = post.BlocksText;
        Assert.Contains("_Sample:", blocks);
        Assert.Matches(@"\d:\d\d:\d\d–\d:\d\d:\d\d", blocks);
        Assert.Contains("request `sl-", blocks);
        var actions = post.Body["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!;
        Assert.Equal(["feedback_helpful", "feedback_not_helpful"], actions["elements"]!.AsArray().Select(e => e!["action_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DirectMessageIsAnsweredInItsThread()
    {
        var channel = "D" + SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-dm-" + channel, SlackRequests.DirectMessage(channel, "U2", "1700000002.000100", "How did they monitor the fraud model before labels arrived?"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Equal("1700000002.000100", post.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("_Sample:", post.BlocksText);
    }

    [Fact]
    public async Task QuestionOutsideTheArchiveSaysSoWithoutGuessing()
    {
        var channel = SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-nia-" + channel, SlackRequests.Mention(channel, "U3", "1700000003.000100", "zxqv wvut plmo"));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Contains("couldn't find that in the podcast archive", post.Text);
        Assert.DoesNotContain("actions", post.Body["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task RetryOfAnEventIsAcknowledgedButAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        var inner = SlackRequests.Mention(channel, "U4", "1700000004.000100", "What went wrong with the feature store in production?");
        await fixture.SendEventAsync("Ev-retry-" + channel, inner);
        var retry = fixture.Requests.Event(SlackRequests.Callback("Ev-retry-" + channel, inner));
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");

        var response = await fixture.SendAsync(retry);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await fixture.WaitForPostsAsync(channel);
        await AfterQueueSettlesAsync(channel);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task ReplayedRequestWithTheSameBytesIsAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        var payload = SlackRequests.Callback("Ev-replay-" + channel, SlackRequests.Mention(channel, "U5", "1700000005.000100", "What did Ravi say about vendor lock-in?"));
        var first = fixture.Requests.Event(payload);
        var replay = fixture.Requests.Event(payload);
        foreach (var header in first.Headers) replay.Headers.Remove(header.Key);
        foreach (var header in first.Headers) replay.Headers.Add(header.Key, header.Value);

        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.SendAsync(replay)).StatusCode);

        await fixture.WaitForPostsAsync(channel);
        await AfterQueueSettlesAsync(channel);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task SameMessageAsMentionAndAsMessageEventIsAnsweredOnce()
    {
        var channel = SlackFixture.NewChannel();
        await fixture.SendEventAsync("Ev-a-" + channel, SlackRequests.Mention(channel, "U6", "1700000006.000100", "What did Ravi say about vendor lock-in?"));
        var asMessage = SlackRequests.DirectMessage(channel, "U6", "1700000006.000100", "<@UBOT> What did Ravi say about vendor lock-in?");

        await fixture.SendEventAsync("Ev-b-" + channel, asMessage);

        await fixture.WaitForPostsAsync(channel);
        await AfterQueueSettlesAsync(channel);
        Assert.Single(fixture.PostsIn(channel));
    }

    [Fact]
    public async Task BotMessagesEditsAndTheBotsOwnMessagesAreNeverAnswered()
    {
        var channel = SlackFixture.NewChannel();
        var own = SlackRequests.Mention(channel, FakeSlackServer.BotUserId, "1700000007.000100", "What did Ravi say about vendor lock-in?");
        var otherBot = SlackRequests.Mention(channel, "U7", "1700000007.000200", "What did Ravi say about vendor lock-in?");
        otherBot["bot_id"] = "BOTHER";
        var botMessage = SlackRequests.DirectMessage(channel, "U7", "1700000007.000300", "What did Ravi say about vendor lock-in?");
        botMessage["subtype"] = "bot_message";
        var edit = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "message_changed", ["channel_type"] = "im", ["channel"] = channel, ["ts"] = "1700000007.000400",
            ["message"] = new JsonObject { ["user"] = "U7", ["text"] = "What did Ravi say about vendor lock-in?", ["ts"] = "1700000007.000100" },
        };

        foreach (var (inner, i) in new[] { own, otherBot, botMessage, edit }.Select((e, i) => (e, i)))
            Assert.Equal(HttpStatusCode.OK, (await fixture.SendEventAsync($"Ev-bot{i}-{channel}", inner)).StatusCode);

        // A real question afterwards is answered, and it is the only post: the others never reached the queue.
        await fixture.SendEventAsync("Ev-real-" + channel, SlackRequests.Mention(channel, "U7", "1700000007.000500", "What did Ravi say about vendor lock-in?"));
        var posts = await fixture.WaitForPostsAsync(channel);
        await AfterQueueSettlesAsync(channel);
        Assert.Equal("1700000007.000500", Assert.Single(fixture.PostsIn(channel)).Body["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task FollowUpInAThreadUsesTheThreadAsTheConversation()
    {
        var channel = SlackFixture.NewChannel();
        var parent = fixture.Slack.AddUserMessage(channel, "U8", "<@UBOT> What did Ravi say about vendor lock-in?");
        await fixture.SendEventAsync("Ev-first-" + channel, SlackRequests.Mention(channel, "U8", parent, "What did Ravi say about vendor lock-in?"));
        await fixture.WaitForPostsAsync(channel);
        var reply = fixture.Slack.AddUserMessage(channel, "U8", "<@UBOT> and what did he do about the access rules?", parent);

        await fixture.SendEventAsync("Ev-follow-" + channel, SlackRequests.Mention(channel, "U8", reply, "and what did he do about the access rules?", threadTs: parent));

        var posts = await fixture.WaitForPostsAsync(channel, 2);
        Assert.Equal(parent, posts[1].Body["thread_ts"]!.GetValue<string>());
        Assert.Contains(fixture.Slack.CallsTo("conversations.replies"), c => c.Query["channel"] == channel && c.Query["ts"] == parent);
        Assert.Contains("Vendor Lock-in", posts[1].BlocksText, StringComparison.OrdinalIgnoreCase);
        // The question retrieval saw was rewritten with the guest and the episode the thread's first answer quoted (stored with the answer for feedback).
        var answerId = posts[1].Body["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["value"]!.GetValue<string>();
        var store = new Ask.Adapters.Slack.Feedback.FeedbackStore(Path.Combine(fixture.App.DataDirectory, "slack-feedback.db"), TimeProvider.System);
        await store.RecordVoteAsync(answerId, "U8", Ask.Adapters.Slack.Feedback.Vote.Helpful, CancellationToken.None);
        var standalone = Assert.Single(await store.VotedAsync(CancellationToken.None), v => v.Answer.Id == answerId).Answer.Question;
        Assert.Contains("Ravi", standalone);
        Assert.Contains("Escaping Vendor Lock-In", standalone);
        Assert.Contains("access rules", standalone);
    }

    [Fact]
    public async Task MentionWithNoQuestionGetsHelpNotAnAnswer()
    {
        var channel = SlackFixture.NewChannel();

        await fixture.SendEventAsync("Ev-empty-" + channel, SlackRequests.Mention(channel, "U9", "1700000009.000100", ""));

        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        Assert.Contains("Ask me about anything said on the DataTalks.Club podcast", post.Text);
    }

    [Fact]
    public async Task FeedbackVoteIsStoredWithTheQuestionAnswerAndCitations()
    {
        var channel = SlackFixture.NewChannel();
        await fixture.SendEventAsync("Ev-vote-" + channel, SlackRequests.Mention(channel, "U10", "1700000010.000100", "What did Ravi say about vendor lock-in?"));
        var post = (await fixture.WaitForPostsAsync(channel)).Single();
        var answerId = post.Body["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![1]!["value"]!.GetValue<string>();

        var response = await fixture.SendAsync(fixture.Requests.Interaction(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = "U10" },
            ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = "1700000010.000200" },
            ["message"] = new JsonObject { ["text"] = post.Text, ["blocks"] = post.Body["blocks"]!.DeepClone() },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "feedback_not_helpful", ["value"] = answerId }),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = new Ask.Adapters.Slack.Feedback.FeedbackStore(Path.Combine(fixture.App.DataDirectory, "slack-feedback.db"), TimeProvider.System);
        var voted = Assert.Single(await store.VotedAsync(CancellationToken.None), v => v.Answer.Id == answerId);
        Assert.Equal(1, voted.NotHelpful);
        Assert.Contains("vendor lock-in", voted.Answer.Question);
        Assert.NotEmpty(voted.Answer.Citations);
        Assert.Contains("[1]", voted.Answer.Answer);
        var update = Assert.Single(await fixture.Slack.WaitForAsync("chat.update"), c => c.Body["channel"]?.GetValue<string>() == channel);
        Assert.Equal("1700000010.000200", update.Body["ts"]!.GetValue<string>());
        Assert.Contains("Feedback so far: 0 helpful · 1 not helpful", update.BlocksText);
        Assert.Contains("_Sample:", update.BlocksText);
    }

    /// <summary>A later question in another channel is answered after anything still queued for this one (one FIFO queue).</summary>
    private async Task AfterQueueSettlesAsync(string channel)
    {
        var probe = channel + "p";
        await fixture.SendEventAsync("Ev-probe-" + probe, SlackRequests.Mention(probe, "UPROBE" + channel, "1.1", "vendor lock-in"));
        await fixture.WaitForPostsAsync(probe);
    }
}
