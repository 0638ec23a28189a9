using Ask.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ask.Adapters.Transcripts;

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="EpisodeFileReader"/> as the <see cref="IEpisodeReader"/>.</summary>
    public static IServiceCollection AddEpisodeFiles(this IServiceCollection services, Action<EpisodeReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EpisodeReaderOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IEpisodeReader, EpisodeFileReader>();
        return services;
    }
}
