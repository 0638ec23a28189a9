namespace Ask.Cli.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain text — with ’ and é", "plain text — with ’ and é")]
    [InlineData("red \u001B[31mALERT\u001B[0m", "red \\u001B[31mALERT\\u001B[0m")]
    [InlineData("bell\u0007 and nul\0", "bell\\u0007 and nul\\u0000")]
    [InlineData("forged\nINFO: all good\r", "forged\\u000AINFO: all good\\u000D")]
    [InlineData("c1 \u009B2J csi", "c1 \\u009B2J csi")]
    [InlineData("gnp.exe\u202Emp4", "gnp.exe\\u202Emp4")]
    [InlineData("isolate \u2066x\u2069", "isolate \\u2066x\\u2069")]
    public void Safe_EscapesEveryControlAndBidiCharacter(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Safe(text));
}
