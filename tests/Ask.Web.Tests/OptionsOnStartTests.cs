using System.Diagnostics;
using Ask.Hosting;
using Ask.Hosting.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests;

/// <summary>
/// Every options section is checked when the service starts: one wrong value stops the start (the real
/// service process, exit code 2), and the one line it prints names the key, the rule and the value it had.
/// </summary>
public sealed class OptionsOnStartTests
{
    private static async Task<(int ExitCode, string Stderr)> StartServiceAsync(Dictionary<string, string> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "ask-options-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        // The short variable wins over Ask__DataDirectory, so it is set only when the test does not set that key.
        if (!settings.ContainsKey("Ask:DataDirectory")) start.Environment["ASK_DATA_DIR"] = data;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("the service started despite the bad setting: " + await stdout);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
        return (process.ExitCode, (await stderr).Trim());
    }

    [Theory]
    [InlineData("Ask:DataDirectory", " ", "Ask:DataDirectory (ASK_DATA_DIR) must not be empty")]
    [InlineData("Ask:EpisodesPodcast", "Bee Show", "Ask:EpisodesPodcast (ASK_EPISODES_PODCAST) must be a podcast id")]
    [InlineData("Chunking:TargetWords", "5", "Chunking:TargetWords must be between 10 and 5000 (was 5)")]
    [InlineData("Chunking:MinWords", "-1", "Chunking:MinWords must be between 0 and 150 (was -1)")]
    [InlineData("Retrieval:Candidates", "0", "Retrieval:Candidates must be between 1 and 10000 (was 0)")]
    [InlineData("Retrieval:DefaultLimit", "101", "Retrieval:DefaultLimit must be between 1 and 100 (was 101)")]
    [InlineData("Ingestion:EmbeddingBatchSize", "0", "Ingestion:EmbeddingBatchSize must be between 1 and 4096 (was 0)")]
    [InlineData("Embeddings:MaxInputTokens", "0", "Embeddings:MaxInputTokens must be between 1 and 1000000 (was 0)")]
    [InlineData("Episodes:MaxFileBytes", "0", "Episodes:MaxFileBytes must be between 1 and")]
    [InlineData("Answering:Sources", "0", "Answering:Sources must be between 1 and 50 (was 0)")]
    [InlineData("Answering:SupportThreshold", "1.5", "Answering:SupportThreshold must be between 0 and 1 (was 1.5)")]
    [InlineData("Limits:PermitsPerWindow", "0", "Limits:PermitsPerWindow must be at least 1 (was 0)")]
    [InlineData("Observability:ReadyCacheSeconds", "-1", "Observability:ReadyCacheSeconds must be between 0 and 3600 (was -1)")]
    [InlineData("Qdrant:Url", "http://localhost:6333", "6334")]
    [InlineData("Llm:Provider", "local", "Llm:ModelPath (ASK_LLM_MODEL_PATH) must name a GGUF model file")]
    [InlineData("Slack:SigningSecret", "secret", "Slack:BotToken (SLACK_BOT_TOKEN) must be set")]
    public async Task AWrongValueStopsTheStartNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string> { [key] = value };
        if (key.StartsWith("Qdrant:", StringComparison.Ordinal)) settings["Ask:Store"] = "Qdrant";

        var (exitCode, stderr) = await StartServiceAsync(settings);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain('\n', stderr);
    }

    [Fact]
    public async Task ABadRemoteModelSettingStopsTheStartLikeAnyOther()
    {
        var (exitCode, stderr) = await StartServiceAsync(new() { ["Llm:Model"] = "gpt-4o-mini", ["Llm:BaseUrl"] = "http://127.0.0.1:1/v1", ["Llm:Temperature"] = "3" });

        Assert.Equal(2, exitCode);
        Assert.Equal("error: configuration: Llm:Temperature must be between 0 and 2 (was 3).", stderr);
    }

    /// <summary>Each provider's rules, for the one Llm section: every wrong value is named in the one line, by key (and variable), rule and value.</summary>
    [Theory]
    [InlineData("endpoint")]
    [InlineData("local")]
    public async Task EveryWrongLlmValueStopsTheStartNamedInTheOneLine(string provider)
    {
        var (settings, expected) = provider == "local" ? WrongLocalModelSettings() : WrongEndpointSettings();

        var (exitCode, stderr) = await StartServiceAsync(settings);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: configuration: ", stderr);
        Assert.DoesNotContain('\n', stderr);
        foreach (var message in expected) Assert.Contains(message, stderr);
    }

    private static (Dictionary<string, string>, string[]) WrongEndpointSettings() => (new()
    {
        ["ASK_LLM_MODEL"] = "gpt-4o-mini",
        ["ASK_LLM_BASE_URL"] = "ftp://models.example/v1",
        ["ASK_LLM_CONTEXT_TOKENS"] = "1024",
        ["Llm:Temperature"] = "3",
        ["Llm:Timeout"] = "00:00:00",
        ["Llm:RewriteMaxOutputTokens"] = "0",
        ["Llm:Retry:MaxRetryAttempts"] = "11",
        ["Llm:Retry:MaxRetryAfter"] = "-00:00:01",
        ["Llm:CircuitBreaker:FailureRatio"] = "0",
        ["Llm:CircuitBreaker:BreakDuration"] = "00:00:00.1",
    },
    [
        "Llm:BaseUrl (ASK_LLM_BASE_URL) must be an absolute http(s) URL (was 'ftp://models.example/v1').",
        "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be larger than Llm:MaxOutputTokens (1024): the reply needs room too (was 1024).",
        "Llm:Temperature must be between 0 and 2 (was 3).",
        "Llm:Timeout must be between 00:00:00.0100000 and 1.00:00:00 (was 00:00:00).",
        "Llm:RewriteMaxOutputTokens must be at least 1 (was 0).",
        "Llm:Retry:MaxRetryAttempts must be between 0 and 10 (was 11).",
        "Llm:Retry:MaxRetryAfter must not be negative (was -00:00:01).",
        "Llm:CircuitBreaker:FailureRatio must be above 0 and at most 1 (was 0).",
        "Llm:CircuitBreaker:BreakDuration must be at least 500 ms (was 00:00:00.1000000).",
    ]);

    private static (Dictionary<string, string>, string[]) WrongLocalModelSettings() => (new()
    {
        ["ASK_LLM_PROVIDER"] = "local",
        ["ASK_LLM_MODEL_PATH"] = "/nowhere/model.gguf",
        ["ASK_LLM_CONTEXT_TOKENS"] = "511",
        ["ASK_LLM_MAX_OUTPUT_TOKENS"] = "8",
        ["ASK_LLM_THREADS"] = "0",
        ["ASK_LLM_MAX_CONCURRENCY"] = "65",
        ["Llm:MaxQueue"] = "-1",
        ["Llm:QueueTimeout"] = "00:00:00",
        ["Llm:Temperature"] = "-1",
        ["Llm:Seed"] = "-1",
        ["Llm:RewriteMaxOutputTokens"] = "0",
    },
    [
        "Llm:ModelPath (ASK_LLM_MODEL_PATH) must name an existing file (was '/nowhere/model.gguf').",
        "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be between 512 and 1048576 (was 511).",
        "Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be between 16 and 255 (was 8).",
        "Llm:Threads (ASK_LLM_THREADS) must be between 1 and 1024 (was 0).",
        "Llm:MaxConcurrency (ASK_LLM_MAX_CONCURRENCY) must be between 1 and 64 (was 65).",
        "Llm:MaxQueue must be between 0 and 10000 (was -1).",
        "Llm:QueueTimeout must be between 00:00:00.0010000 and 1.00:00:00 (was 00:00:00).",
        "Llm:Temperature must be between 0 and 2 (was -1).",
        "Llm:Seed must be between 0 and 4294967295 (was -1).",
        "Llm:RewriteMaxOutputTokens must be between 1 and 255 (was 0).",
    ]);

    [Fact]
    public async Task AMisspeltLocalProviderStopsTheStartSayingWhatLocalMeans()
    {
        var (exitCode, stderr) = await StartServiceAsync(new() { ["ASK_LLM_PROVIDER"] = "lcoal" });

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: configuration: Llm:Model (ASK_LLM_MODEL) must name the chat model when Llm:Provider (ASK_LLM_PROVIDER) is 'lcoal' — 'local' runs a GGUF model inside Ask", stderr);
    }

    [Fact]
    public void TheEvaluationSectionIsCheckedBeforeAnEvaluationRuns()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ask:DataDirectory"] = Path.GetTempPath(),
            ["Evaluation:JudgeVotes"] = "2",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddAsk(configuration).AddAskEvaluation(configuration).BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(services.ValidateOnStartNow);

        Assert.Contains("Evaluation:JudgeVotes must be an odd number from 1 to 9 (was 2).", StartupErrors.Describe(error));
    }

    [Fact]
    public async Task EveryBadSectionIsNamedInTheOneLine()
    {
        var (exitCode, stderr) = await StartServiceAsync(new() { ["Retrieval:Candidates"] = "0", ["Answering:Sources"] = "0" });

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: configuration: ", stderr);
        Assert.Contains("Retrieval:Candidates", stderr);
        Assert.Contains("Answering:Sources", stderr);
        Assert.DoesNotContain('\n', stderr);
    }
}
