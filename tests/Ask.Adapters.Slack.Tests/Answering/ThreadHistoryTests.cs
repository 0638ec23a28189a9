using System.Text.Json;
using Ask.Adapters.Slack.Answering;

namespace Ask.Adapters.Slack.Tests.Answering;

public sealed class ThreadHistoryTests
{
    [Fact]
    public void Turns_QuestionsFollowedByBotAnswers_PairedAndTheCurrentMessageExcluded()
    {
        var messages = JsonDocument.Parse("""
            [{"ts":"1.1","user":"U1","text":"<@UBOT> what about lock-in?"},
             {"ts":"1.2","bot_id":"B1","text":"Ravi said [1]."},
             {"ts":"1.3","user":"U2","text":"side chatter"},
             {"ts":"1.4","user":"U1","text":"<@UBOT> and access rules?"},
             {"ts":"1.5","bot_id":"B1","text":"later answer"}]
            """).RootElement.EnumerateArray().ToArray();

        var sut = ThreadHistory.Turns(messages, "1.4");

        var turn = Assert.Single(sut);
        Assert.Equal("what about lock-in?", turn.Question);
        Assert.Equal("Ravi said [1].", turn.Answer);
    }
}
