using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.LlamaSharp.Tests;

/// <summary>AddLocalLlm in a real host: options validated and the model loaded at start, or the start refused with the reason.</summary>
public sealed class LocalLlmStartupTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        // The host registers the clock (AddAsk does in the real hosts).
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLocalLlm(builder.Configuration.GetSection(LlmOptions.Section));
        return builder.Build();
    }

    [Fact]
    public async Task GoodModel_LoadedAtStart_AndAnswersThroughIChatClient()
    {
        // At the smallest context window the local provider accepts.
        using var host = Host(new() { ["Llm:ModelPath"] = tiny.ModelPath, ["Llm:Threads"] = "1", ["Llm:ContextTokens"] = "512", ["Llm:MaxOutputTokens"] = "64" });

        await host.StartAsync();

        Assert.StartsWith("local:tiny.gguf", host.Services.GetRequiredService<IAnswerModel>().Name);
        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 8, Temperature = 1 });
        Assert.True(response.Usage!.OutputTokenCount is > 0 and <= 8);
        await host.StopAsync();
    }

    [Fact]
    public async Task CorruptModel_StartRefused_NamingTheFile()
    {
        var path = Path.Combine(tiny.Directory, "corrupt.gguf");
        await File.WriteAllBytesAsync(path, new byte[4096]);
        using var host = Host(new() { ["Llm:ModelPath"] = path });

        var error = await Assert.ThrowsAsync<AskException>(() => host.StartAsync());

        Assert.Contains(path, error.Message);
        Assert.Contains("not a GGUF model file", error.Message);
    }

    [Theory]
    [InlineData("Llm:ContextTokens", "511", "ASK_LLM_CONTEXT_TOKENS")]
    [InlineData("Llm:ContextTokens", "1048577", "ASK_LLM_CONTEXT_TOKENS")]
    [InlineData("Llm:MaxOutputTokens", "4000", "ASK_LLM_MAX_OUTPUT_TOKENS")]
    [InlineData("Llm:MaxConcurrency", "0", "ASK_LLM_MAX_CONCURRENCY")]
    [InlineData("Llm:Threads", "0", "ASK_LLM_THREADS")]
    [InlineData("Llm:Temperature", "3", "Llm:Temperature")]
    [InlineData("Llm:MaxQueue", "-1", "Llm:MaxQueue must be between 0 and 10000 (was -1)")]
    [InlineData("Llm:QueueTimeout", "00:00:00", "Llm:QueueTimeout must be between")]
    [InlineData("Llm:Seed", "-1", "Llm:Seed must be between 0 and 4294967295 (was -1)")]
    [InlineData("Llm:RewriteMaxOutputTokens", "0", "Llm:RewriteMaxOutputTokens must be between 1 and 2048 (was 0)")]
    public async Task BadSetting_StartRefused_NamingTheKey(string key, string value, string named)
    {
        using var host = Host(new() { ["Llm:ModelPath"] = tiny.ModelPath, [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task NoModelPath_StartRefused()
    {
        using var host = Host([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ASK_LLM_MODEL_PATH", error.Message);
    }

    [Fact]
    public async Task EndpointOnlyRules_NotAppliedToTheLocalModel()
    {
        // No Llm:Model, no key and a budget shorter than an attempt: all endpoint settings, none of them read here.
        using var host = Host(new()
        {
            ["Llm:ModelPath"] = tiny.ModelPath, ["Llm:Threads"] = "1", ["Llm:ContextTokens"] = "512", ["Llm:MaxOutputTokens"] = "64",
            ["Llm:TotalBudget"] = "00:00:01", ["Llm:Timeout"] = "00:00:30",
        });

        await host.StartAsync();

        Assert.Equal(512, host.Services.GetRequiredService<IOptions<LlmOptions>>().Value.ContextTokens);
        await host.StopAsync();
    }
}
