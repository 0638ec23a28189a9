using Ask.Core.Ingestion;

namespace Ask.Core.Tests.Ingestion;

public sealed class EmbeddingBatchesTests
{
    private static string Text(int length) => new('a', length);

    private static void AssertPlan(int[][] expected, IReadOnlyList<int[]> actual) => Assert.Equal(expected, actual);

    [Fact]
    public void Plan_SendsShortestFirst_AndEveryTextExactlyOnce()
    {
        string[] texts = [Text(50), Text(10), Text(30), Text(20), Text(40)];

        var plan = EmbeddingBatches.Plan(texts, maxCount: 2, maxPaddedCharacters: 1000);

        AssertPlan([[1, 3], [2, 4], [0]], plan);
    }

    [Fact]
    public void Plan_PaddedSizeAtTheCap_StaysOneCall_OneCharacterOver_Splits()
    {
        // Four texts of 25 characters padded to the longest: 100 characters.
        string[] four = [Text(25), Text(25), Text(25), Text(25)];
        Assert.Single(EmbeddingBatches.Plan(four, maxCount: 32, maxPaddedCharacters: 100));
        AssertPlan([[0, 1, 2], [3]], EmbeddingBatches.Plan(four, maxCount: 32, maxPaddedCharacters: 99));
    }

    [Fact]
    public void Plan_PadsToTheLongestText_NotToTheSum()
    {
        // 3 + 3 + 10 characters, but padded to 10 each: 30 > 29, so the long one goes on its own.
        string[] texts = [Text(3), Text(3), Text(10)];

        AssertPlan([[0, 1], [2]], EmbeddingBatches.Plan(texts, maxCount: 32, maxPaddedCharacters: 29));
        Assert.Single(EmbeddingBatches.Plan(texts, maxCount: 32, maxPaddedCharacters: 30));
    }

    [Fact]
    public void Plan_TextLongerThanTheCap_IsACallOfItsOwn()
    {
        string[] texts = [Text(5000), Text(4), Text(4)];

        AssertPlan([[1, 2], [0]], EmbeddingBatches.Plan(texts, maxCount: 32, maxPaddedCharacters: 100));
    }

    [Fact]
    public void Plan_CountCapHolds_WhenCharactersWouldAllowMore()
    {
        var texts = Enumerable.Repeat(Text(1), 70).ToArray();

        var plan = EmbeddingBatches.Plan(texts, maxCount: 32, maxPaddedCharacters: 8192);

        Assert.Equal(new[] { 32, 32, 6 }, plan.Select(b => b.Length));
    }

    [Fact]
    public void Plan_EqualLengths_KeepTheirOwnOrder_SoEveryRunPlansAlike()
    {
        string[] texts = ["bb", "aa", "c", "dd"];

        AssertPlan([[2, 0, 1, 3]], EmbeddingBatches.Plan(texts, maxCount: 32, maxPaddedCharacters: 1000));
    }

    [Fact]
    public void Plan_CapOff_RunsOfMaxCountInTheirOwnOrder()
    {
        string[] texts = [Text(50), Text(10), Text(30), Text(20), Text(40)];

        AssertPlan([[0, 1], [2, 3], [4]], EmbeddingBatches.Plan(texts, maxCount: 2, maxPaddedCharacters: 0));
    }

    [Fact]
    public void Plan_EmptyTexts_AreCountedAsOneCharacter_AndNoTextsMeansNoCalls()
    {
        Assert.Empty(EmbeddingBatches.Plan([], maxCount: 32, maxPaddedCharacters: 100));
        AssertPlan([[0, 1], [2]], EmbeddingBatches.Plan(["", "", ""], maxCount: 32, maxPaddedCharacters: 2));
    }

    [Fact]
    public void Plan_MaxCountBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingBatches.Plan(["a"], maxCount: 0, maxPaddedCharacters: 100));
}
