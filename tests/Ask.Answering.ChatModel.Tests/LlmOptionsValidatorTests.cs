using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Answering.ChatModel.Tests;

/// <summary>
/// The one Llm section, bound and checked as both providers register it (<see cref="ChatModelServiceCollectionExtensions.AddLlmOptions"/>):
/// the shared keys against the chosen provider's limits, each provider's own keys only when it is chosen, each limit
/// accepted at its edge and refused one past it.
/// </summary>
public sealed class LlmOptionsValidatorTests : IDisposable
{
    private readonly string _model = Path.Combine(Path.GetTempPath(), "ask-llm-options-" + Guid.NewGuid().ToString("N") + ".gguf");

    public LlmOptionsValidatorTests() => File.WriteAllBytes(_model, [0]);

    public void Dispose() => File.Delete(_model);

    private Dictionary<string, string?> Local(params (string Key, string? Value)[] settings) =>
        With(new() { ["Llm:Provider"] = "local", ["Llm:ModelPath"] = _model }, settings);

    private static Dictionary<string, string?> Endpoint(params (string Key, string? Value)[] settings) =>
        With(new() { ["Llm:BaseUrl"] = "http://127.0.0.1:9/v1", ["Llm:Model"] = "m" }, settings);

    private static Dictionary<string, string?> With(Dictionary<string, string?> start, (string Key, string? Value)[] settings)
    {
        foreach (var (key, value) in settings) start[key] = value;
        return start;
    }

    private static (LlmOptions? Options, IReadOnlyList<string> Failures) Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLlmOptions(configuration.GetSection(LlmOptions.Section)).Services.BuildServiceProvider();
        try
        {
            return (services.GetRequiredService<IOptions<LlmOptions>>().Value, []);
        }
        catch (OptionsValidationException e)
        {
            return (null, e.Failures.ToList());
        }
    }

    private static void Refused(Dictionary<string, string?> settings, string message) => Assert.Equal(message, Assert.Single(Bind(settings).Failures));

    private static LlmOptions Accepted(Dictionary<string, string?> settings)
    {
        var (options, failures) = Bind(settings);
        Assert.Empty(failures);
        return options!;
    }

    [Fact]
    public void LocalModel_DefaultsOnly_Accepted() => Assert.True(Accepted(Local()).IsLocal);

    [Fact]
    public void Provider_LocalInAnyCase_ChoosesTheLocalRules() =>
        Refused(new() { ["Llm:Provider"] = "LOCAL" }, "Llm:ModelPath (ASK_LLM_MODEL_PATH) must name a GGUF model file when Llm:Provider (ASK_LLM_PROVIDER) is 'local' (was unset).");

    [Fact]
    public void LocalModel_NoFileAtThePath_RefusedNamingThePath() =>
        Refused(Local(("Llm:ModelPath", "/nowhere/model.gguf")), "Llm:ModelPath (ASK_LLM_MODEL_PATH) must name an existing file (was '/nowhere/model.gguf').");

    [Theory]
    [InlineData("Llm:ContextTokens", "511", "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be between 512 and 1048576 (was 511).")]
    [InlineData("Llm:ContextTokens", "1048577", "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be between 512 and 1048576 (was 1048577).")]
    [InlineData("Llm:MaxOutputTokens", "15", "Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be between 16 and 2048 (was 15).")]
    [InlineData("Llm:MaxOutputTokens", "2049", "Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be between 16 and 2048 (was 2049).")]
    [InlineData("Llm:RewriteMaxOutputTokens", "2049", "Llm:RewriteMaxOutputTokens must be between 1 and 2048 (was 2049).")]
    [InlineData("Llm:Threads", "0", "Llm:Threads (ASK_LLM_THREADS) must be between 1 and 1024 (was 0).")]
    [InlineData("Llm:Threads", "1025", "Llm:Threads (ASK_LLM_THREADS) must be between 1 and 1024 (was 1025).")]
    [InlineData("Llm:MaxConcurrency", "65", "Llm:MaxConcurrency (ASK_LLM_MAX_CONCURRENCY) must be between 1 and 64 (was 65).")]
    [InlineData("Llm:MaxQueue", "10001", "Llm:MaxQueue must be between 0 and 10000 (was 10001).")]
    [InlineData("Llm:QueueTimeout", "1.00:00:01", "Llm:QueueTimeout must be between 00:00:00.0010000 and 1.00:00:00 (was 1.00:00:01).")]
    [InlineData("Llm:Seed", "4294967296", "Llm:Seed must be between 0 and 4294967295 (was 4294967296).")]
    [InlineData("Llm:Temperature", "2.01", "Llm:Temperature must be between 0 and 2 (was 2.01).")]
    public void LocalModel_OnePastALimit_RefusedNamingKeyRuleAndValue(string key, string value, string message) =>
        // A reply small enough for the smallest window, so each case breaks one rule only.
        Refused(Local(("Llm:MaxOutputTokens", "64"), (key, value)), message);

    [Fact]
    public void LocalModel_AtEveryLimit_Accepted()
    {
        Accepted(Local(("Llm:ContextTokens", "512"), ("Llm:MaxOutputTokens", "256"), ("Llm:RewriteMaxOutputTokens", "256"), ("Llm:Threads", "1"),
            ("Llm:MaxConcurrency", "64"), ("Llm:MaxQueue", "0"), ("Llm:QueueTimeout", "00:00:00.001"), ("Llm:Seed", "0"), ("Llm:Temperature", "2")));
        Accepted(Local(("Llm:ContextTokens", "1048576"), ("Llm:MaxOutputTokens", "16"), ("Llm:Threads", "1024"), ("Llm:MaxQueue", "10000"),
            ("Llm:QueueTimeout", "1.00:00:00"), ("Llm:Seed", "4294967295"), ("Llm:Temperature", "0")));
    }

    [Fact]
    public void LocalModel_EndpointKeysWrong_NotCheckedBecauseNotRead() =>
        Accepted(Local(("Llm:TotalBudget", "00:00:01"), ("Llm:Retry:MaxRetryAttempts", "99"), ("Llm:BaseUrl", "ftp://x/")));

    [Fact]
    public void Endpoint_LocalKeysWrong_NotCheckedBecauseNotRead() =>
        Accepted(Endpoint(("Llm:ModelPath", "/nowhere"), ("Llm:Threads", "0"), ("Llm:MaxQueue", "-1"), ("Llm:Seed", "-1")));

    [Fact]
    public void OneContextWindowKey_WhicheverProvider()
    {
        Assert.Null(Accepted(Endpoint()).ContextTokens);
        Assert.Equal(8192, Accepted(Endpoint(("Llm:ContextTokens", "8192"))).ContextTokens);
        // The endpoint may be given a window the local model could not allocate, and the local one a window below the reply.
        Accepted(Endpoint(("Llm:ContextTokens", "1025")));
        Refused(Local(("Llm:ContextTokens", "1025")), "Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be between 16 and 512 (was 1024).");
    }

    [Theory]
    [InlineData("Llm:Temperature", "-0.1", "Llm:Temperature must be between 0 and 2 (was -0.1).")]
    [InlineData("Llm:MaxOutputTokens", "0", "Llm:MaxOutputTokens (ASK_LLM_MAX_OUTPUT_TOKENS) must be at least 1 (was 0).")]
    [InlineData("Llm:RewriteMaxOutputTokens", "0", "Llm:RewriteMaxOutputTokens must be at least 1 (was 0).")]
    [InlineData("Llm:Timeout", "00:00:00.009", "Llm:Timeout must be between 00:00:00.0100000 and 1.00:00:00 (was 00:00:00.0090000).")]
    [InlineData("Llm:Retry:BaseDelay", "00:00:21", "Llm:Retry:BaseDelay must be between 00:00:00 and 00:00:20 (was 00:00:21).")]
    [InlineData("Llm:Retry:MaxRetryAfter", "-00:00:01", "Llm:Retry:MaxRetryAfter must not be negative (was -00:00:01).")]
    [InlineData("Llm:CircuitBreaker:FailureRatio", "1.01", "Llm:CircuitBreaker:FailureRatio must be above 0 and at most 1 (was 1.01).")]
    [InlineData("Llm:CircuitBreaker:MinimumThroughput", "1", "Llm:CircuitBreaker:MinimumThroughput must be at least 2 (was 1).")]
    [InlineData("Llm:CircuitBreaker:SamplingDuration", "00:00:00.499", "Llm:CircuitBreaker:SamplingDuration must be at least 500 ms (was 00:00:00.4990000).")]
    [InlineData("Llm:CircuitBreaker:BreakDuration", "00:00:00.499", "Llm:CircuitBreaker:BreakDuration must be at least 500 ms (was 00:00:00.4990000).")]
    public void Endpoint_OnePastALimit_RefusedNamingKeyRuleAndValue(string key, string value, string message) => Refused(Endpoint((key, value)), message);

    [Fact]
    public void Endpoint_AtEveryLimit_Accepted() =>
        Accepted(Endpoint(("Llm:Temperature", "2"), ("Llm:MaxOutputTokens", "1"), ("Llm:RewriteMaxOutputTokens", "1"), ("Llm:Timeout", "00:00:00.010"),
            ("Llm:TotalBudget", "00:00:00.010"), ("Llm:Retry:MaxRetryAttempts", "10"), ("Llm:Retry:BaseDelay", "00:00:20"), ("Llm:Retry:MaxRetryAfter", "00:00:00"),
            ("Llm:CircuitBreaker:FailureRatio", "1"), ("Llm:CircuitBreaker:MinimumThroughput", "2"),
            ("Llm:CircuitBreaker:SamplingDuration", "00:00:00.5"), ("Llm:CircuitBreaker:BreakDuration", "00:00:00.5")));

    [Fact]
    public void Endpoint_CircuitBreakerOff_ItsSettingsNotChecked() =>
        Accepted(Endpoint(("Llm:CircuitBreaker:Enabled", "false"), ("Llm:CircuitBreaker:FailureRatio", "0")));

    [Fact]
    public void Endpoint_NamedProviderWithoutModel_RefusedSayingWhatLocalMeans() =>
        Refused(new() { ["Llm:Provider"] = "lcoal", ["Llm:BaseUrl"] = "http://127.0.0.1:9/v1" },
            "Llm:Model (ASK_LLM_MODEL) must name the chat model when Llm:Provider (ASK_LLM_PROVIDER) is 'lcoal' — 'local' runs a GGUF model inside Ask (Llm:ModelPath); any other name labels an OpenAI-compatible endpoint, which needs a model (was unset).");

    [Fact]
    public void Endpoint_OpenAIsOwnWithoutKey_RefusedNamingBothVariables() =>
        Refused(new() { ["Llm:Model"] = "gpt-4o-mini" },
            "Llm:ApiKey (ASK_LLM_API_KEY or OPENAI_API_KEY) is required for OpenAI's own endpoint; set Llm:BaseUrl (ASK_LLM_BASE_URL) for another server (was unset).");

    [Fact]
    public void EveryFailure_NamedAtOnce()
    {
        var (_, failures) = Bind(Local(("Llm:Threads", "0"), ("Llm:MaxConcurrency", "0")));

        Assert.Equal(2, failures.Count);
    }
}
