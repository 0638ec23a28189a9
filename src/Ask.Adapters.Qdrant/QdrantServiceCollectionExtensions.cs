using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Qdrant;

public static class QdrantServiceCollectionExtensions
{
    /// <summary>
    /// Serves <see cref="IChunkIndex"/> (and the answerer's <see cref="ISentenceVectors"/>, <see cref="IWordVectors"/>
    /// and <see cref="IArchiveVocabulary"/>) from Qdrant. <see cref="QdrantOptions"/> are bound from
    /// <paramref name="section"/> (the host's <c>Qdrant</c> section), then <paramref name="configure"/>, validated at
    /// start; the server itself is checked at start unless <see cref="QdrantOptions.CheckOnStart"/> is off.
    /// The adapter owns its gRPC channel and client (disposed with the container), so its deadline, connect
    /// timeout and message limits hold whatever other Qdrant clients the host registers. Its deadlines and
    /// retries run on the host's <see cref="TimeProvider"/>, which the host registers.
    /// </summary>
    public static IServiceCollection AddQdrantChunkIndex(this IServiceCollection services, IConfiguration section, Action<QdrantOptions>? configure = null)
    {
        var options = services.AddCheckedOptions<QdrantOptions, QdrantOptionsValidator>(section);
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(sp => new QdrantConnection(
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<QdrantChunkIndex>();
        services.AddSingleton<IChunkIndex>(sp => sp.GetRequiredService<QdrantChunkIndex>());
        // The extractive answerer's stored vectors and vocabulary, as the embedded store provides them.
        services.AddSingleton<ISentenceVectors>(sp => sp.GetRequiredService<QdrantChunkIndex>());
        services.AddSingleton<IWordVectors>(sp => sp.GetRequiredService<QdrantChunkIndex>());
        services.AddSingleton<IArchiveVocabulary>(sp => sp.GetRequiredService<QdrantChunkIndex>());
        services.AddHostedService<QdrantStartupCheck>();
        return services;
    }
}
