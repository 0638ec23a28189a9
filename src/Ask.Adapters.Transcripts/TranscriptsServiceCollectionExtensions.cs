using Ask.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ask.Adapters.Transcripts;

public static class TranscriptsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EpisodeFileReader"/> as the <see cref="IEpisodeReader"/>, its <see cref="EpisodeReaderOptions"/>
    /// bound from <paramref name="section"/> (the host's <c>Episodes</c> section), then <paramref name="configure"/>,
    /// and checked at start.
    /// </summary>
    public static IServiceCollection AddEpisodeFiles(this IServiceCollection services, IConfiguration section, Action<EpisodeReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddCheckedOptions<EpisodeReaderOptions, EpisodeReaderOptionsValidator>(section);
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<IEpisodeReader, EpisodeFileReader>();
        return services;
    }
}
