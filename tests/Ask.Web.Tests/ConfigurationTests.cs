using Ask.Answering.ChatModel;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Web.Tests;

public class ConfigurationTests
{
    private static IConfiguration Configure(Dictionary<string, string?> environment, Dictionary<string, string?>? commandLine = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ask:DataDirectory"] = "from-appsettings" })
            .AddAskEnvironmentVariables(environment)
            .AddInMemoryCollection(commandLine ?? [])
            .Build();

    [Fact]
    public void ShortEnvironmentVariablesBindTheirSettings()
    {
        var configuration = Configure(new()
        {
            ["ASK_DATA_DIR"] = "/var/ask",
            ["ASK_STORE"] = "qdrant",
            ["ASK_EPISODES_DIR"] = "/episodes",
            ["QDRANT_URL"] = "http://qdrant:6334",
        });

        var options = configuration.GetSection(AskOptions.Section).Get<AskOptions>()!;

        Assert.Equal("/var/ask", options.DataDirectory);
        Assert.Equal(StoreKind.Qdrant, options.Store);
        Assert.Equal("/episodes", options.EpisodesDirectory);
        Assert.Equal("http://qdrant:6334", configuration["Qdrant:Url"]);
    }

    [Fact]
    public void QdrantClusterLayoutComesFromTheEnvironment()
    {
        var configuration = Configure(new() { ["QDRANT_SHARD_NUMBER"] = "3", ["QDRANT_REPLICATION_FACTOR"] = "2", ["QDRANT_WRITE_CONSISTENCY_FACTOR"] = "2" });

        var options = configuration.GetSection(Ask.Adapters.Qdrant.QdrantOptions.Section).Get<Ask.Adapters.Qdrant.QdrantOptions>()!;

        Assert.Equal(3u, options.ShardNumber);
        Assert.Equal(2u, options.ReplicationFactor);
        Assert.Equal(2u, options.WriteConsistencyFactor);
    }

    [Fact]
    public void CommandLineOptionsOverrideEnvironmentVariables()
    {
        var configuration = Configure(new() { ["ASK_DATA_DIR"] = "/var/ask" }, new() { ["Ask:DataDirectory"] = "/tmp/cli" });

        Assert.Equal("/tmp/cli", configuration["Ask:DataDirectory"]);
    }

    [Fact]
    public void StoreSettingChoosesTheIndexAdapter()
    {
        using var embedded = Build(new() { ["Ask:DataDirectory"] = Path.GetTempPath() });
        using var qdrant = Build(new() { ["Ask:DataDirectory"] = Path.GetTempPath(), ["Ask:Store"] = "Qdrant", ["Qdrant:Url"] = "http://127.0.0.1:1" });

        Assert.Equal("embedded", embedded.GetRequiredService<IChunkIndex>().Name);
        Assert.Equal("qdrant", qdrant.GetRequiredService<IChunkIndex>().Name);
    }

    [Fact]
    public void QdrantRestPortIsRefusedWithAMessageNamingTheGrpcPort()
    {
        using var services = Build(new() { ["Ask:DataDirectory"] = Path.GetTempPath(), ["Ask:Store"] = "Qdrant", ["Qdrant:Url"] = "http://localhost:6333" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IChunkIndex>());

        Assert.Contains("6334", error.Message);
    }

    [Fact]
    public void LocalModelVariablesBindTheLocalProvider()
    {
        var configuration = Configure(new()
        {
            ["ASK_LLM_PROVIDER"] = "local",
            ["ASK_LLM_MODEL_PATH"] = "/models/qwen2.5-1.5b-instruct-q4_k_m.gguf",
            ["ASK_LLM_CONTEXT_TOKENS"] = "8192",
            ["ASK_LLM_THREADS"] = "2",
            ["ASK_LLM_MAX_OUTPUT_TOKENS"] = "600",
            ["ASK_LLM_MAX_CONCURRENCY"] = "3",
        });

        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>()!;

        Assert.True(options.IsLocal);
        Assert.Equal("/models/qwen2.5-1.5b-instruct-q4_k_m.gguf", options.ModelPath);
        Assert.Equal((8192, 2, 600, 3), (options.ContextTokens, options.Threads, options.MaxOutputTokens, options.MaxConcurrency));
    }

    [Fact]
    public void OneContextWindowVariable_OneOptionsClass_WhicheverProviderServes()
    {
        var configuration = Configure(new() { ["ASK_LLM_CONTEXT_TOKENS"] = "8192" });

        Assert.Equal(8192, configuration.GetSection(LlmOptions.Section).Get<LlmOptions>()!.ContextTokens);
        Assert.DoesNotContain("ASK_LLM_CONTEXT_SIZE", AskEnvironmentVariables.Map.Keys);
    }

    [Fact]
    public void LocalProviderWithoutAModelFile_RefusedNamingTheVariable()
    {
        using var services = Build(new() { ["Ask:DataDirectory"] = Path.GetTempPath(), ["Llm:Provider"] = "local", ["Llm:ModelPath"] = "/nowhere/model.gguf" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<Ask.Core.Answering.IAnswerModel>());

        Assert.Contains("ASK_LLM_MODEL_PATH", error.Message);
        Assert.Contains("/nowhere/model.gguf", error.Message);
    }

    [Fact]
    public void EpisodesPodcastComesFromTheEnvironmentAndABadOneIsRefusedNamingIt()
    {
        var options = Configure(new() { ["ASK_EPISODES_PODCAST"] = "bee-show=The Bee Show" }).GetSection(AskOptions.Section).Get<AskOptions>()!;
        Assert.Equal("bee-show=The Bee Show", options.EpisodesPodcast);

        using var services = Build(new() { ["Ask:DataDirectory"] = Path.GetTempPath(), ["Ask:EpisodesPodcast"] = "The Bee Show" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AskOptions>>().Value);
        Assert.Contains("ASK_EPISODES_PODCAST", error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAsk(configuration);
        return services.BuildServiceProvider();
    }
}
