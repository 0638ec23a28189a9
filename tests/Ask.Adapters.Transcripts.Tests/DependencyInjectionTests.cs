using Ask.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Transcripts.Tests;

public sealed class DependencyInjectionTests
{
    private static IConfiguration Section(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void AddEpisodeFiles_WithConfiguration_RegistersReaderAndOptions()
    {
        var services = new ServiceCollection();

        services.AddEpisodeFiles(Section(new() { ["MergeCaptions"] = "false" }), o => o.EpisodeId = "s01e01");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<EpisodeFileReader>(provider.GetRequiredService<IEpisodeReader>());
        var options = provider.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value;
        Assert.Equal(("s01e01", false), (options.EpisodeId, options.MergeCaptions));
    }

    [Fact]
    public void AddEpisodeFiles_WithoutConfiguration_UsesDefaults()
    {
        using var provider = new ServiceCollection().AddEpisodeFiles(Section([])).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IEpisodeReader>());
        Assert.True(provider.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value.MergeCaptions);
    }

    [Fact]
    public void AddEpisodeFiles_WrongValue_RefusedNamingTheKey()
    {
        using var provider = new ServiceCollection().AddEpisodeFiles(Section(new() { ["MaxFileBytes"] = "0" })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value);

        Assert.Contains("Episodes:MaxFileBytes", error.Message);
    }
}
