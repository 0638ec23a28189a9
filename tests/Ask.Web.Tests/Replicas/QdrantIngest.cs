using Ask.Core.Ingestion;
using Ask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests.Replicas;

/// <summary>
/// <c>ask ingest FOLDER [--rebuild]</c> with <c>ASK_STORE=qdrant</c>: the hosts' composition root and the real
/// ingestion pipeline (bundled encoder, Qdrant adapter over the wire), in a process of its own data folder.
/// </summary>
internal static class QdrantIngest
{
    public static async Task<IngestReport> RunAsync(string qdrantUrl, string dataDirectory, string folder, bool rebuild, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ask:DataDirectory"] = dataDirectory,
                ["Ask:Store"] = "Qdrant",
                ["Qdrant:Url"] = qdrantUrl,
            })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddAsk(configuration).BuildServiceProvider();
        return await services.GetRequiredService<IngestionPipeline>().RunAsync(new IngestRequest([folder], Rebuild: rebuild), null, cancellationToken);
    }
}
