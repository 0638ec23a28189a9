using Ask.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Transcripts.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddEpisodeFiles_WithConfiguration_RegistersReaderAndOptions()
    {
        var services = new ServiceCollection();

        services.AddEpisodeFiles(o => o.EpisodeId = "s01e01");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<EpisodeFileReader>(provider.GetRequiredService<IEpisodeReader>());
        Assert.Equal("s01e01", provider.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value.EpisodeId);
    }

    [Fact]
    public void AddEpisodeFiles_WithoutConfiguration_UsesDefaults()
    {
        using var provider = new ServiceCollection().AddEpisodeFiles().BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IEpisodeReader>());
        Assert.True(provider.GetRequiredService<IOptions<EpisodeReaderOptions>>().Value.MergeCaptions);
    }
}
