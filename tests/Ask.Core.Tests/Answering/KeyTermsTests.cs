using Ask.Core.Answering;

namespace Ask.Core.Tests.Answering;

public sealed class KeyTermsTests
{
    [Theory]
    [InlineData("How good is GPT-6 at multi-step reasoning?", "GPT-6")]
    [InlineData("What new features did Apache Spark 5.0 introduce?", "Apache|Spark|5.0")]
    [InlineData("How does DuckLake compare with Iceberg?", "DuckLake|Iceberg")]
    [InlineData("What does Nemanja think about Kubeflow?", "Nemanja|Kubeflow")]
    [InlineData("Is the Mojo language worth learning for ML and AI?", "Mojo")]
    [InlineData("What's a good recipe for sourdough bread?", "")]
    [InlineData("What did Angela's team build? Then what did they do in 2019?", "Angela|2019")]
    [InlineData("Which 3 books does he recommend?", "")]
    public void Of_FindsNamesVersionsAndRareCapitalisedWords_NotSentenceStartsOrShortAcronyms(string question, string expected) =>
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), KeyTerms.Of(question));

    [Fact]
    public void MissingFrom_LooksInTextTitleChapterAndSpeakers_IgnoringCaseAndPunctuation()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("lean-mlops", "Lean MLOps for Startups", "Nemanja", "We moved off kubeflow because of YAML.")]);

        Assert.Empty(KeyTerms.MissingFrom("What does Nemanja think about KubeFlow in Lean MLOps?", sources));
        Assert.Equal(["DuckLake"], KeyTerms.MissingFrom("Does Nemanja use DuckLake?", sources));
    }
}
