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

    [Theory]
    [InlineData("endpoint", "Llm__Temperature", "3", "Llm:Temperature must be between 0 and 2 (was 3).")]
    [InlineData("local", "ASK_LLM_CONTEXT_TOKENS", "100", "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be between 512 and 1048576 (was 100).")]
    public async Task AWrongLlmValueStopsTheCommandForEitherProvider(string provider, string variable, string value, string expected)
    {
        if (provider == "local")
        {
            _ask.Environment["ASK_LLM_PROVIDER"] = "local";
            // Any existing file passes the check; the model is only loaded by a start that passed every check.
            _ask.Environment["ASK_LLM_MODEL_PATH"] = typeof(OptionsOnStartTests).Assembly.Location;
            _ask.Environment["ASK_LLM_MAX_OUTPUT_TOKENS"] = "16";
            _ask.Environment["Llm__RewriteMaxOutputTokens"] = "16";
        }
        else
        {
            _ask.Environment["ASK_LLM_MODEL"] = "m";
            _ask.Environment["ASK_LLM_BASE_URL"] = "http://127.0.0.1:1/v1";
        }
        _ask.Environment[variable] = value;

        var result = await _ask.RunAsync("search", "anything");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: configuration: " + expected, line);
    }
}
