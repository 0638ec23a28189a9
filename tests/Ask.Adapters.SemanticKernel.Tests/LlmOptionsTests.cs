using Ask.Answering.ChatModel;
using Ask.Core.Answering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.SemanticKernel.Tests;

/// <summary>AddSemanticKernelAnswerModel in a real host: the Llm section bound, checked at start, and a wrong value refused naming its key.</summary>
public sealed class LlmOptionsTests
{
    private static IHost Host(Dictionary<string, string?> settings, Action<LlmOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        // Nothing answers there; the structured-outputs probe is off so the start asks nobody.
        builder.Services.AddSemanticKernelAnswerModel(builder.Configuration.GetSection(LlmOptions.Section), configure);
        return builder.Build();
    }

    private static readonly Dictionary<string, string?> Good = new()
    {
        ["Llm:BaseUrl"] = "http://127.0.0.1:9/v1", ["Llm:Model"] = "m", ["Llm:ProbeStructuredOutputs"] = "false",
    };

    private static Dictionary<string, string?> GoodWith(string key, string? value) => new(Good) { [key] = value };

    [Fact]
    public async Task AddSemanticKernelAnswerModel_GoodSection_BindsEveryKeyAndStarts()
    {
        using var host = Host(GoodWith("Llm:ContextTokens", "8192"), o => o.Seed = 7);

        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal(("m", 8192, 7L), (options.Model, options.ContextTokens, options.Seed));
        Assert.Same(options, host.Services.GetRequiredService<LlmOptions>());
        Assert.Equal("openai-compatible:m", host.Services.GetRequiredService<IAnswerModel>().Name);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Llm:Model", "", "Llm:Model (ASK_LLM_MODEL) must name the chat model (was unset).")]
    [InlineData("Llm:BaseUrl", "ftp://models.example/v1", "Llm:BaseUrl (ASK_LLM_BASE_URL) must be an absolute http(s) URL (was 'ftp://models.example/v1').")]
    [InlineData("Llm:BaseUrl", null, "Llm:ApiKey (ASK_LLM_API_KEY or OPENAI_API_KEY) is required for OpenAI's own endpoint")]
    [InlineData("Llm:TotalBudget", "00:00:10", "Llm:TotalBudget must be at least Llm:Timeout (00:01:00) and at most 1 day (was 00:00:10).")]
    [InlineData("Llm:ContextTokens", "1024", "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be larger than Llm:MaxOutputTokens (1024): the reply needs room too (was 1024).")]
    [InlineData("Llm:ContextTokens", "10485761", "Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) must be at most 10485760 (was 10485761).")]
    [InlineData("Llm:Retry:MaxRetryAttempts", "11", "Llm:Retry:MaxRetryAttempts must be between 0 and 10 (was 11).")]
    [InlineData("Llm:CircuitBreaker:FailureRatio", "0", "Llm:CircuitBreaker:FailureRatio must be above 0 and at most 1 (was 0).")]
    public async Task AddSemanticKernelAnswerModel_WrongValue_StartRefusedNamingTheKey(string key, string? value, string message)
    {
        var settings = GoodWith(key, value);
        if (value is null) settings.Remove(key);
        using var host = Host(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, Assert.Single(error.Failures));
    }

    [Fact]
    public async Task AddSemanticKernelAnswerModel_ContextWindowAtItsLimits_Starts()
    {
        foreach (var context in new[] { "1025", "10485760" })
        {
            using var host = Host(GoodWith("Llm:ContextTokens", context));
            await host.StartAsync();
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddSemanticKernelAnswerModel_ConfiguredInCode_CheckedLikeTheSection()
    {
        using var host = Host(Good, o => o.Timeout = TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("Llm:Timeout must be between", StringComparison.Ordinal));
    }
}
