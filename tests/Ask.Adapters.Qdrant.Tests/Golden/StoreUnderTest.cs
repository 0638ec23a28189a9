using Ask.Core.Evaluation;
using Ask.Core.Ingestion;
using Ask.Hosting;
using Ask.Hosting.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Adapters.Qdrant.Tests.Golden;

/// <summary>
/// One store wired exactly as the hosts wire it (<see cref="AskServiceCollectionExtensions.AddAsk"/> and the
/// evaluation services of <c>ask eval</c>), over its own data folder: the bundled encoder, the real ingestion
/// pipeline, retriever and extractive answerer; only the store differs.
/// </summary>
internal sealed class StoreUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreUnderTest(ServiceProvider services, string dataDirectory)
    {
        _services = services;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public static StoreUnderTest Create(string dataDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ask:DataDirectory"] = dataDirectory })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAsk(configuration);
        services.AddAskEvaluation(configuration);
        return new StoreUnderTest(services.BuildServiceProvider(), dataDirectory);
    }

    public Task<IngestReport> IngestAsync(string folder, CancellationToken cancellationToken) =>
        _services.GetRequiredService<IngestionPipeline>().RunAsync(new IngestRequest([folder]), null, cancellationToken);

    public Task<IReadOnlyList<EvaluationItem>> EvaluateAsync(IReadOnlyList<GoldenQuestion> questions, CancellationToken cancellationToken) =>
        _services.GetRequiredService<GoldenSetEvaluator>().RunAsync(questions, 5, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
