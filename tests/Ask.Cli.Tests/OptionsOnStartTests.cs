namespace Ask.Cli.Tests;

/// <summary>The command line checks every options section before a command runs, as the web service does at start.</summary>
public sealed class OptionsOnStartTests : IDisposable
{
    private readonly AskProcess _ask = new();

    public void Dispose() => _ask.Dispose();

    [Theory]
    [InlineData("Retrieval__Candidates", "0", "Retrieval:Candidates must be between 1 and 10000 (was 0).")]
    [InlineData("Chunking__TargetWords", "5", "Chunking:TargetWords must be between 10 and 5000 (was 5).")]
    public async Task AWrongValueStopsTheCommandWithOneLineNamingTheKey(string variable, string value, string expected)
    {
        _ask.Environment[variable] = value;

        var result = await _ask.RunAsync("search", "anything");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("error: configuration: " + expected, line);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
