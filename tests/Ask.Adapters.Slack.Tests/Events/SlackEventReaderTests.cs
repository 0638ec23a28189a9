using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Answering;
using Ask.Adapters.Slack.Events;
using Ask.Testing.FakeSlack;

namespace Ask.Adapters.Slack.Tests.Events;

public sealed class SlackEventReaderTests
{
    private static EventDecision Read(JsonObject inner, string eventId = "Ev1") =>
        SlackEventReader.Read(JsonDocument.Parse(SlackRequests.Callback(eventId, inner).ToJsonString()).RootElement, () => "rid");

    [Fact]
    public void Read_Mention_QuestionWithoutTheMentionRepliedInItsOwnThread()
    {
        var sut = Read(SlackRequests.Mention("C1", "U1", "1.5", "what about &lt;dbt&gt; &amp; airflow?"));

        Assert.Equal(QuestionSource.Mention, sut.Question!.Source);
        Assert.Equal("what about <dbt> & airflow?", sut.Question.Text);
        Assert.Equal("1.5", sut.Question.ThreadTs);
        Assert.False(sut.Question.InThread);
        Assert.Equal(["event:Ev1", "msg:C1:1.5"], sut.DedupeKeys);
    }

    [Fact]
    public void Read_MentionInsideAThread_FollowUpInTheParentsThread()
    {
        var sut = Read(SlackRequests.Mention("C1", "U1", "1.9", "and then?", threadTs: "1.5"));

        Assert.Equal("1.5", sut.Question!.ThreadTs);
        Assert.True(sut.Question.InThread);
        Assert.Equal("1.9", sut.Question.MessageTs);
    }

    [Fact]
    public void Read_DirectMessage_Question()
    {
        Assert.Equal(QuestionSource.DirectMessage, Read(SlackRequests.DirectMessage("D1", "U1", "1.5", "hi there")).Question!.Source);
    }

    [Theory]
    [InlineData("bot_id", "B1")]
    [InlineData("subtype", "bot_message")]
    [InlineData("subtype", "message_changed")]
    [InlineData("subtype", "message_replied")]
    [InlineData("user", FakeSlackServer.BotUserId)]
    public void Read_BotOrEditedMessage_Ignored(string field, string value)
    {
        var inner = SlackRequests.DirectMessage("D1", "U1", "1.5", "hi there");
        inner[field] = value;

        var sut = Read(inner);

        Assert.Null(sut.Question);
        Assert.NotNull(sut.IgnoredBecause);
    }

    [Fact]
    public void Read_ChannelMessageWithoutMention_Ignored()
    {
        var inner = SlackRequests.DirectMessage("C1", "U1", "1.5", "hi there");
        inner["channel_type"] = "channel";

        Assert.Null(Read(inner).Question);
    }
}
