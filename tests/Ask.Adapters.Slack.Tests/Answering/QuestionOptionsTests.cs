using Ask.Adapters.Slack.Answering;
using Ask.Core.Answering;

namespace Ask.Adapters.Slack.Tests.Answering;

public sealed class QuestionOptionsTests
{
    [Fact]
    public void Read_NoOption_QuestionAsTypedAndNoFilter()
    {
        var (question, filter) = QuestionOptions.Read("what about podcasts: are they good?");

        Assert.Equal("what about podcasts: are they good?", question);
        Assert.Null(filter);
    }

    [Theory]
    [InlineData("podcast:bee-show how much honey?", "how much honey?")]
    [InlineData("how much honey? podcast:bee-show", "how much honey?")]
    [InlineData("how much  podcast:bee-show honey?", "how much honey?")]
    [InlineData("Podcast:bee-show how much honey?", "how much honey?")]
    public void Read_PodcastOption_TakenOutAndFilters(string text, string expected)
    {
        var (question, filter) = QuestionOptions.Read(text);

        Assert.Equal(expected, question);
        Assert.Equal(["bee-show"], filter!.Podcasts);
    }

    [Fact]
    public void Read_SeveralPodcasts_AnyOfThem()
    {
        var (_, filter) = QuestionOptions.Read("podcast:a podcast:b podcast:a what?");

        Assert.Equal(["a", "b"], filter!.Podcasts);
    }

    [Fact]
    public void Read_AddressThatMentionsPodcast_NotAnOption()
    {
        var (question, filter) = QuestionOptions.Read("is https://example.org/podcast:x right?");

        Assert.Equal("is https://example.org/podcast:x right?", question);
        Assert.Null(filter);
    }

    [Theory]
    [InlineData("podcast:Bee_Show what?", "podcast:Bee_Show has the id 'Bee_Show'")]
    [InlineData("podcast: what?", "podcast: has the id ''")]
    public void Read_BadPodcast_RefusedNamingIt(string text, string expected)
    {
        var error = Assert.Throws<AskRequestException>(() => QuestionOptions.Read(text));

        Assert.Equal("podcast", error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Read_PodcastsAtTheLimit_AcceptedOneMoreRefused()
    {
        var atLimit = string.Join(' ', Enumerable.Range(0, QuestionOptions.MaxPodcasts).Select(i => $"podcast:p{i}"));

        Assert.Equal(QuestionOptions.MaxPodcasts, QuestionOptions.Read(atLimit + " what?").Filter!.Podcasts.Count);
        Assert.Throws<AskRequestException>(() => QuestionOptions.Read(atLimit + " podcast:one-more what?"));
    }
}
