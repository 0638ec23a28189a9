using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Adapters.Transcripts.Samples;
using Ask.Core.Ingestion;
using Ask.Testing.FakeOpenAI;
using Ask.Testing.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Hosting.Tests;

/// <summary>
/// What every composition test needs, made once for the whole collection: the three sample episodes ingested
/// into each store (the embedded index in its own data folder; the in-process Qdrant-protocol server), a fake
/// OpenAI-compatible server on loopback and the tiny GGUF model. Each test composes its own host over these;
/// ingesting once keeps the collection to one embedding pass per store.
/// </summary>
public sealed class CompositionFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-hosting-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));
    private FakeQdrantServer? _qdrant;

    public FakeChatServer OpenAI { get; private set; } = null!;

    public string ModelPath { get; private set; } = "";

    /// <summary>Chunks the samples made in each store: the same count, since the same episodes and encoder went in.</summary>
    public IReadOnlyDictionary<Store, int> Chunks { get; private set; } = new Dictionary<Store, int>();

    public CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        var episodes = Path.Combine(_root, "episodes");
        SampleEpisodes.WriteTo(episodes);
        ModelPath = new TinyLlamaModel(ContextLength: 8192).Write(Path.Combine(_root, "tiny.gguf"));
        _qdrant = await FakeQdrantServer.StartAsync();
        OpenAI = await FakeChatServer.StartAsync();

        var chunks = new Dictionary<Store, int>();
        foreach (var store in Enum.GetValues<Store>())
        {
            await using var host = await ComposedHost.StartAsync(Settings(store, Provider.None), Ct);
            var report = await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(new IngestRequest([episodes]), null, Ct);
            chunks[store] = report.Chunks;
        }
        Chunks = chunks;
    }

    /// <summary>The configuration a user would set for this store and provider, over the ingested index.</summary>
    public Dictionary<string, string?> Settings(Store store, Provider provider)
    {
        var settings = new Dictionary<string, string?>
        {
            // One data folder per store: its embedding cache, its lock and (embedded) its index.
            ["Ask:DataDirectory"] = Path.Combine(_root, store.ToString().ToLowerInvariant()),
        };
        if (store == Store.Qdrant)
        {
            settings["Ask:Store"] = "Qdrant";
            settings["Qdrant:Url"] = _qdrant!.Url;
            settings["Qdrant:Collection"] = "hosting";
        }
        switch (provider)
        {
            case Provider.OpenAI:
                settings["Llm:BaseUrl"] = OpenAI.BaseUrl.ToString();
                settings["Llm:Model"] = "test-model";
                settings["Llm:ApiKey"] = "sk-test";
                // The probe would take the scripted reply meant for the answer.
                settings["Llm:ProbeStructuredOutputs"] = "false";
                break;
            case Provider.Local:
                settings["Llm:Provider"] = "local";
                settings["Llm:ModelPath"] = ModelPath;
                // The tiny model spells byte by byte: an answer prompt is over 5,000 tokens.
                settings["Llm:ContextTokens"] = "8192";
                settings["Llm:MaxOutputTokens"] = "64";
                settings["Llm:Threads"] = "1";
                settings["Answering:Sources"] = "3";
                settings["Answering:RepairRounds"] = "0";
                break;
        }
        return settings;
    }

    public async Task DisposeAsync()
    {
        if (OpenAI is not null) await OpenAI.DisposeAsync();
        if (_qdrant is not null) await _qdrant.DisposeAsync();
        _timeout.Dispose();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }
}
