using Ask.Core.Answering;

namespace Ask.Core.Tests.Answering;

public sealed class ClaimChecksTests
{
    private static readonly Citation ByNemanja = new(1, "lean", "Lean MLOps", 75, 120, "Nemanja", "Kubeflow is a pain for a team of three", null);
    private static readonly Citation ByAlexey = new(2, "lean", "Lean MLOps", 60, 75, "Alexey", "People say vendor lock-in a lot", null);
    private static readonly string[] Speakers = ["Nemanja", "Alexey"];

    [Theory]
    [InlineData("Nemanja says Kubeflow is a pain [1].", 0)]
    [InlineData("Nemanja clearly thinks vendor lock-in is overrated [2].", 1)]
    [InlineData("According to Nemanja, lock-in is a worry [2].", 1)]
    [InlineData("Nemanja's advice: avoid lock-in [2].", 1)]
    [InlineData("When Alexey asked about Kubeflow, the guest said it is a pain [1].", 0)]
    [InlineData("Alexey asks and Nemanja says it is a pain [1].", 0)]
    [InlineData("Kubeflow is a pain for small teams [1].", 0)]
    public void MisattributedClaims_ACreditedPersonMustBeTheQuotedSpeaker(string answer, int expected) =>
        Assert.Equal(expected, ClaimChecks.MisattributedClaims(answer, [ByNemanja, ByAlexey], Speakers).Count());

    [Theory]
    [InlineData("Kubeflow is a pain for a team of three [1].", new string[0])]
    [InlineData("Kubeflow is a pain for a team of 3 [1].", new string[0])]
    [InlineData("About 87% of teams find Kubeflow painful [1].", new[] { "87" })]
    [InlineData("At 1:15 Nemanja calls it a pain [1].", new string[0])]
    [InlineData("It took 2,000 hours [1] and 12 people [2].", new[] { "2000", "12" })]
    public void UnquotedFigures_AreTheFiguresNoQuoteGives(string answer, string[] expected) =>
        Assert.Equal(expected, ClaimChecks.UnquotedFigures(answer, [ByNemanja, ByAlexey]));
}
