namespace Ask.Adapters.Qdrant.Tests;

public sealed class LexicalEncoderTests
{
    [Fact]
    public void Terms_EnglishText_AreStemmedWithoutStopWords()
    {
        Assert.Equal(["deploi", "servic", "kubernet"], LexicalEncoder.Terms("Deploying the services to Kubernetes"));
    }

    [Fact]
    public void TermIndex_IsPinnedAcrossProcesses()
    {
        // FNV-1a of "deploi" (computed outside .NET): stored points and later queries must agree on it forever.
        Assert.Equal(0x6CD360AEu, LexicalEncoder.TermIndex("deploi"));
    }

    [Fact]
    public void EncodeDocument_RepeatedTerm_SaturatesBelowLinearGrowth()
    {
        var once = Weight(LexicalEncoder.EncodeDocument("pelican river", 100f), "pelican");
        var twice = Weight(LexicalEncoder.EncodeDocument("pelican pelican", 100f), "pelican");

        Assert.True(twice > once);
        Assert.True(twice < 2 * once);
        Assert.True(twice < LexicalEncoder.K1 + 1);
    }

    [Fact]
    public void EncodeDocument_LongerDocument_WeighsATermLess()
    {
        var shortDoc = Weight(LexicalEncoder.EncodeDocument("pelican river", 100f), "pelican");
        var longDoc = Weight(LexicalEncoder.EncodeDocument("pelican " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i}")), 100f), "pelican");

        Assert.True(longDoc < shortDoc);
    }

    [Fact]
    public void EncodeQuery_RepeatedAndStopWords_GiveOneUnitWeightPerTerm()
    {
        var (indices, values) = LexicalEncoder.EncodeQuery("what is the pelican, the pelicans");

        Assert.Equal(2, indices.Length);
        Assert.All(values, v => Assert.Equal(1f, v));
        Assert.Equal(indices.Order(), indices);
    }

    private static float Weight((uint[] Indices, float[] Values) vector, string term) =>
        vector.Values[Array.IndexOf(vector.Indices, LexicalEncoder.TermIndex(term))];
}
