using Ask.Cli.Evaluation;

namespace Ask.Cli.Tests;

public sealed class ReportPathTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "ask-report-path", "repo");

    [Fact]
    public void Relative_AbsoluteFileInsideTheBase_IsRecordedFromTheBaseWithSlashes()
    {
        var golden = Path.Combine(Root, "tests", "Golden", "golden-questions.yaml");

        Assert.Equal("tests/Golden/golden-questions.yaml", ReportPath.Relative(golden, Root));
    }

    [Fact]
    public void Relative_RelativeFile_IsResolvedAgainstTheBaseAndNormalised()
    {
        var sut = ReportPath.Relative(Path.Combine(".", "tests", "..", "tests", "Golden", "g.yaml"), Root);

        Assert.Equal("tests/Golden/g.yaml", sut);
    }

    [Fact]
    public void Relative_FileOutsideTheBase_KeepsItsFullPath()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "ask-report-path", "other", "g.yaml");

        Assert.Equal(elsewhere, ReportPath.Relative(elsewhere, Root));
        Assert.Equal(elsewhere, ReportPath.Relative(Path.Combine("..", "other", "g.yaml"), Root));
    }

    [Fact]
    public void Relative_SiblingWhoseNameStartsWithTheBase_IsOutside()
    {
        var sibling = Root + "-copy" + Path.DirectorySeparatorChar + "g.yaml";

        Assert.Equal(sibling, ReportPath.Relative(sibling, Root));
    }
}
