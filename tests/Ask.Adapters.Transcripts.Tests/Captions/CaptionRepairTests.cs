using Ask.Adapters.Transcripts.Captions;

namespace Ask.Adapters.Transcripts.Tests.Captions;

public sealed class CaptionRepairTests
{
    // Failure mode 3: repair what is unambiguous, leave clean text byte-identical, flag what is not.
    [Theory]
    [InlineData("donâ€™t", "don't")]
    [InlineData("KÃ¶nig", "König")]
    [InlineData("â‚¬200 per month, right?", "€200 per month, right?")]
    [InlineData("a â€œquotedâ€\u009D word", "a “quoted” word")]
    [InlineData("naÃ¯ve cafÃ©", "naïve café")]
    public void Repair_MisDecodedUtf8_IsRepaired(string input, string expected)
    {
        var result = CaptionRepair.Repair(input);

        Assert.Equal(expected, result.Text);
        Assert.True(result.Changed);
        Assert.Empty(result.Ambiguous);
    }

    [Theory]
    [InlineData("naïve café")]
    [InlineData("Walldén")]
    [InlineData("plain ascii")]
    [InlineData("Zürich — 5 °C, 10 € and ½ price")]
    public void Repair_CleanText_StaysByteIdentical(string input)
    {
        var result = CaptionRepair.Repair(input);

        Assert.Same(input, result.Text);
        Assert.False(result.Changed);
        Assert.Empty(result.Ambiguous);
    }

    [Fact]
    public void Repair_AmbiguousSequence_IsLeftUnchangedAndFlagged()
    {
        var result = CaptionRepair.Repair("PowerHouseâ\"¢");

        Assert.Equal("PowerHouseâ\"¢", result.Text);
        Assert.False(result.Changed);
        Assert.Equal("â\"¢", Assert.Single(result.Ambiguous));
    }
}
