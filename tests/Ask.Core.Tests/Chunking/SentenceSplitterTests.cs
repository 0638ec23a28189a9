using Ask.Core.Chunking;

namespace Ask.Core.Tests.Chunking;

public class SentenceSplitterTests
{
    [Fact]
    public void Split_TerminalPunctuation_SplitsBeforeCapital() =>
        Assert.Equal(["It works.", "Does it?", "Yes!"], SentenceSplitter.Split("It works. Does it? Yes!"));

    [Fact]
    public void Split_AbbreviationAndDecimal_StayWhole() =>
        Assert.Equal(["We use e.g. the 3.5 million rows."], SentenceSplitter.Split("We use e.g. the 3.5 million rows."));

    [Fact]
    public void SplitLongSentence_PrefersCommas()
    {
        var pieces = SentenceSplitter.SplitLongSentence("one two three four, five six seven eight nine ten", 6);
        Assert.Equal("one two three four,", pieces[0]);
    }
}
