using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Rendering;
using Ask.Core.Answering;
using Ask.Core.Episodes;

namespace Ask.Adapters.Slack.Tests.Rendering;

public sealed class BlockKitRendererTests
{
    private static Citation Cite(int marker, double start = 4530, string? url = "https://www.youtube.com/watch?v=abc&t=4530") =>
        new(marker, "vendor-lock-in", "Escaping Vendor Lock-in", start, start + 42, "Ravi", "We kept the SQL portable from day one.", url);

    /// <summary>The mrkdwn of every section and context block.</summary>
    private static IEnumerable<string> Texts(SlackMessage message) => message.Blocks.Select(b => b!["type"]!.GetValue<string>() switch
    {
        "section" => b["text"]!["text"]!.GetValue<string>(),
        "context" => string.Concat(b["elements"]!.AsArray().Select(e => e!["text"]!.GetValue<string>())),
        _ => "",
    }).Where(t => t.Length > 0);

    [Fact]
    public void Answer_TextWithMentionsAndLinks_EscapedAndOurLinksStayLive()
    {
        var answer = new Answer(AnswerStatus.Answered, "if a < b && <!here> <@U123> <http://x|label> [1]", [Cite(1)], AnswerMode.Extractive);

        var sut = BlockKitRenderer.Answer(answer, "a1", "r1");

        var posted = sut.ToPayload("C1").ToJsonString();
        var section = Texts(sut).First();
        Assert.Equal("if a &lt; b &amp;&amp; &lt;!here&gt; &lt;@U123&gt; &lt;http://x|label&gt; [1]", section);
        Assert.Equal("if a &lt; b &amp;&amp; &lt;!here&gt; &lt;@U123&gt; &lt;http://x|label&gt; [1]", sut.Text);
        Assert.DoesNotContain("<!here>", posted);
        Assert.DoesNotContain("<@U123>", posted);
        Assert.Contains("<https://www.youtube.com/watch?v=abc&t=4530|▶ watch at 1:15:30>", Texts(sut).Single(t => t.StartsWith("*[1]*", StringComparison.Ordinal)));
    }

    [Fact]
    public void Answer_EveryMrkdwnTextObjectIsVerbatim_SoBareUrlsAreNotLinked()
    {
        var answer = new Answer(AnswerStatus.Answered, "see www.example.com and #general [1]", [Cite(1)], AnswerMode.Generative);

        var sut = BlockKitRenderer.Answer(answer, "a1", "r1");

        var texts = System.Text.Json.Nodes.JsonNode.Parse(sut.ToPayload("C1").ToJsonString())!.ToJsonString();
        var objects = System.Text.RegularExpressions.Regex.Matches(texts, "\"type\":\"mrkdwn\"");
        Assert.NotEmpty(objects);
        Assert.Equal(objects.Count, System.Text.RegularExpressions.Regex.Matches(texts, "\"type\":\"mrkdwn\",\"text\":\"(?:[^\"\\\\]|\\\\.)*\",\"verbatim\":true").Count);
    }

    [Fact]
    public void Answer_Citation_OneContextLineWithTitleRangeSpeakerAndLink()
    {
        var sut = BlockKitRenderer.Answer(new Answer(AnswerStatus.Answered, "Portable SQL [1].", [Cite(1, start: 65)], AnswerMode.Generative), "a1", "r1");

        var line = Texts(sut).Single(t => t.StartsWith("*[1]*", StringComparison.Ordinal));
        Assert.StartsWith("*[1]* _Escaping Vendor Lock-in_ · 0:01:05–0:01:47 · Ravi · “We kept the SQL portable from day one.” · <", line);
    }

    [Fact]
    public void Answer_CitationOfAnotherPodcast_NamesItAndListensToTheAudio()
    {
        var audio = Cite(1, start: 65, url: "https://cdn.example.org/ep.mp3#t=65") with { Podcast = new Podcast("bee-show", "The Bee Show") };
        var page = Cite(2, start: 65, url: "https://example.org/ep") with { Podcast = new Podcast("bee-show", "The Bee Show") };

        var sut = BlockKitRenderer.Answer(new Answer(AnswerStatus.Answered, "Bees [1] [2].", [audio, page], AnswerMode.Generative), "a1", "r1");

        var first = Texts(sut).Single(t => t.StartsWith("*[1]*", StringComparison.Ordinal));
        Assert.StartsWith("*[1]* _Escaping Vendor Lock-in_ (The Bee Show) · 0:01:05", first);
        Assert.EndsWith("<https://cdn.example.org/ep.mp3#t=65|▶ listen at 0:01:05>", first);
        Assert.EndsWith("<https://example.org/ep|episode page>", Texts(sut).Single(t => t.StartsWith("*[2]*", StringComparison.Ordinal)));
    }

    [Fact]
    public void Answer_CitationUrlThatCouldBreakTheLink_NotLinked()
    {
        var sut = BlockKitRenderer.Answer(new Answer(AnswerStatus.Answered, "x [1]", [Cite(1, url: "https://e.com/a>b|<!here>")], AnswerMode.Extractive), "a1", "r1");

        Assert.DoesNotContain("watch at", string.Join("\n", Texts(sut)));
        Assert.DoesNotContain("<!here>", sut.ToPayload("C1").ToJsonString());
    }

    [Fact]
    public void Answer_NineThousandCharactersAndTwelveCitations_StaysInsideSlacksLimits()
    {
        var words = string.Join(" ", Enumerable.Range(0, 2500).Select(i => i % 10 == 0 ? "a&b" : "word"));
        var answer = new Answer(AnswerStatus.Answered, words[..9000], Enumerable.Range(1, 12).Select(i => Cite(i)).ToArray(), AnswerMode.Extractive);

        var sut = BlockKitRenderer.Answer(answer, "a1", "r1");

        Assert.True(sut.Blocks.Count <= SlackLimits.Blocks);
        Assert.All(Texts(sut), t => Assert.True(t.Length <= 3000, $"section of {t.Length}"));
        Assert.True(Texts(sut).Sum(t => t.Length) <= 12_000);
        Assert.True(sut.Text.Length <= 4000);
        Assert.DoesNotMatch("&[a-z]*$", Texts(sut).First());
        Assert.Equal(12, Texts(sut).Count(t => t.StartsWith("*[", StringComparison.Ordinal)));
    }

    [Fact]
    public void Answer_SixtyCitations_CutWithANoteUnderFiftyBlocks()
    {
        var answer = new Answer(AnswerStatus.Answered, "many [1]", Enumerable.Range(1, 60).Select(i => Cite(i)).ToArray(), AnswerMode.Extractive);

        var sut = BlockKitRenderer.Answer(answer, "a1", "r1");

        Assert.True(sut.Blocks.Count <= 50);
        Assert.Contains(Texts(sut), t => t.Contains("more source(s) not shown", StringComparison.Ordinal));
        Assert.Equal("actions", sut.Blocks[^2]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Answer_NotInArchive_SaysSoWithoutButtons()
    {
        var sut = BlockKitRenderer.Answer(new Answer(AnswerStatus.NotInArchive, CitationValidator.NotInArchiveText, [], AnswerMode.Extractive), "a1", "r1");

        Assert.Contains("couldn't find that in the podcast archive", sut.Text);
        Assert.DoesNotContain(sut.Blocks, b => b!["type"]!.GetValue<string>() == "actions");
    }

    [Fact]
    public void Error_CarriesTheRequestId()
    {
        Assert.Contains("`sl-123`", BlockKitRenderer.Error("sl-123").Text);
    }

    [Fact]
    public void Answer_FeedbackButtonsCarryTheAnswerId()
    {
        var sut = BlockKitRenderer.Answer(new Answer(AnswerStatus.Answered, "x [1]", [Cite(1)], AnswerMode.Extractive), "answer-42", "r1");

        var buttons = sut.Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.All(buttons, b => Assert.Equal("answer-42", b!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void WithTally_VotedTwice_OneTallyUnderTheButtons()
    {
        var posted = BlockKitRenderer.Answer(new Answer(AnswerStatus.Answered, "x [1]", [Cite(1)], AnswerMode.Extractive), "a1", "r1");

        var once = BlockKitRenderer.WithTally(posted.Text, posted.Blocks, 1, 0);
        var sut = BlockKitRenderer.WithTally(once.Text, once.Blocks, 1, 1);

        Assert.Equal(posted.Blocks.Count + 1, sut.Blocks.Count);
        var tally = Assert.Single(Texts(sut), t => t.StartsWith("Feedback so far", StringComparison.Ordinal));
        Assert.Contains("1 helpful · 1 not helpful", tally);
        Assert.Equal("actions", sut.Blocks[^3]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, "0:00:00")]
    [InlineData(3598, "0:59:58")]
    [InlineData(4530, "1:15:30")]
    [InlineData(36000, "10:00:00")]
    public void Clock_AnyLength_HoursMinutesSeconds(double seconds, string expected) => Assert.Equal(expected, Mrkdwn.Clock(seconds));

    [Fact]
    public void Split_LongText_NeverCutsAnEscape()
    {
        var text = string.Concat(Enumerable.Repeat("x&amp;", 1000));

        var pieces = BlockKitRenderer.Split(text, 3000, 3);

        Assert.All(pieces, p => Assert.DoesNotMatch("&[a-z]*$", p.TrimEnd('…')));
        Assert.Equal(text, string.Concat(pieces));
    }

    [Fact]
    public void Payload_ThreadAndChannel_Set()
    {
        var payload = SlackMessage.Plain("hi").ToPayload("C1", "1.2");

        Assert.Equal("C1", payload["channel"]!.GetValue<string>());
        Assert.Equal("1.2", payload["thread_ts"]!.GetValue<string>());
        Assert.False(payload["unfurl_links"]!.GetValue<bool>());
        Assert.IsType<JsonArray>(payload["blocks"]);
    }
}
