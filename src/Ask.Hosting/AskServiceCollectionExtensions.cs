using Ask.Adapters.EmbeddedIndex;
using Ask.Adapters.LlamaSharp;
using Ask.Adapters.Onnx;
using Ask.Adapters.OpenAI;
using Ask.Adapters.Qdrant;
using Ask.Adapters.SemanticKernel;
using Ask.Adapters.Transcripts;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>The one composition root both hosts (web service and CLI) use, so their wiring cannot drift apart.</summary>
public static class AskServiceCollectionExtensions
{
    /// <summary>Key of the embedder that reads and fills the on-disk embedding cache (used by ingestion).</summary>
    public const string CachedEmbedderKey = "cached";

    public static IServiceCollection AddAsk(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<AskOptions, AskOptionsValidator>(configuration.GetSection(AskOptions.Section));
        services.AddCheckedOptions<ChunkingOptions, ChunkingOptionsValidator>(configuration.GetSection(ChunkingOptions.Section));
        services.AddCheckedOptions<RetrievalOptions, RetrievalOptionsValidator>(configuration.GetSection(RetrievalOptions.Section));
        services.AddCheckedOptions<IngestionOptions, IngestionOptionsValidator>(configuration.GetSection(IngestionOptions.Section));
        services.AddCheckedOptions<EmbeddingSettings, EmbeddingSettingsValidator>(configuration.GetSection(EmbeddingSettings.Section));
        services.TryAddTimeProvider();

        var embeddings = EmbeddingSettings.From(configuration);
        if (embeddings.Provider == EmbeddingProvider.OpenAI) services.AddOpenAIEmbeddings(embeddings.ToOpenAI());
        else services.AddOnnxEmbeddings(embeddings.ToOnnx());
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(CachedEmbedderKey, (sp, _) =>
            new EmbeddingCache(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<IOptions<AskOptions>>().Value.CacheDirectory,
                sp.GetRequiredService<ILogger<EmbeddingCache>>()));

        var store = SettingChoice.Read(configuration, "Ask:Store", "ASK_STORE", StoreKind.Embedded);
        if (store == StoreKind.Qdrant)
        {
            services.AddQdrantChunkIndex(configuration.GetSection(QdrantOptions.Section));
        }
        else
        {
            services.AddSingleton(sp => new EmbeddedChunkIndex(
                new EmbeddedIndexOptions { Directory = sp.GetRequiredService<IOptions<AskOptions>>().Value.IndexDirectory },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<EmbeddedChunkIndex>>()));
            services.AddSingleton<IChunkIndex>(sp => sp.GetRequiredService<EmbeddedChunkIndex>());
            services.AddSingleton<ISentenceVectors>(sp => sp.GetRequiredService<EmbeddedChunkIndex>());
            services.AddSingleton<IWordVectors>(sp => sp.GetRequiredService<EmbeddedChunkIndex>());
            services.AddSingleton<IArchiveVocabulary>(sp => sp.GetRequiredService<EmbeddedChunkIndex>());
        }

        services.AddEpisodeFiles(configuration.GetSection(EpisodeReaderOptions.Section));
        services.AddSingleton<Chunker>();
        // One lock per data folder, whichever store serves: the embedding cache lives there too.
        services.AddSingleton<IIngestLock>(sp => new DataFolderLock(sp.GetRequiredService<IOptions<AskOptions>>().Value.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IngestionPipeline(
            sp.GetRequiredService<IEpisodeReader>(),
            sp.GetRequiredService<Chunker>(),
            sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(CachedEmbedderKey),
            sp.GetRequiredService<IChunkIndex>(),
            sp.GetRequiredService<IOptions<ChunkingOptions>>(),
            sp.GetRequiredService<IOptions<IngestionOptions>>(),
            sp.GetRequiredService<ILogger<IngestionPipeline>>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IIngestLock>()));
        services.AddSingleton<Retriever>();

        // No model configured means extractive mode: said in the startup log and in every answer's mode.
        var llm = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        llm.ApiKey = OpenAIKeyLane.Fallback(llm.ApiKey, llm.BaseUrl, configuration);
        // ASK_LLM_PROVIDER=local: a GGUF model inside this process (no server, no key).
        if (string.Equals(llm.Provider, LocalLlmOptions.ProviderName, StringComparison.OrdinalIgnoreCase))
            services.AddLocalLlm(configuration.GetSection(LocalLlmOptions.Section));
        else if (!string.IsNullOrWhiteSpace(llm.Model)) AddRemoteModel(services, llm);
        // Any other provider name only labels an OpenAI-compatible endpoint; without a model it would be ignored
        // silently, and a misspelt "local" would serve extractive answers as if no model had been asked for.
        else if (!string.IsNullOrWhiteSpace(llm.Provider))
            throw new AskException($"Llm:Provider (ASK_LLM_PROVIDER) is '{llm.Provider}' but Llm:Model (ASK_LLM_MODEL) is not set: '{LocalLlmOptions.ProviderName}' runs a GGUF model inside Ask (Llm:ModelPath); any other name labels an OpenAI-compatible endpoint, which needs a model.");
        services.AddCheckedOptions<AnswerOptions, AnswerOptionsValidator>(configuration.GetSection(AnswerOptions.Section));
        services.AddSingleton<ExtractiveAnswerer>();
        services.AddSingleton(sp => new AnswerMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new AnswerService(
            sp.GetRequiredService<Retriever>(),
            sp.GetRequiredService<ExtractiveAnswerer>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<AnswerMetrics>(),
            sp.GetRequiredService<IOptions<AnswerOptions>>(),
            sp.GetRequiredService<ILogger<AnswerService>>(),
            sp.GetService<IAnswerModel>()));
        services.AddSingleton<IndexStatus>();
        services.AddSingleton(sp => new IngestMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        return services;
    }

    /// <summary>
    /// The remote model's options are checked as it is registered (its resilience pipeline is built from
    /// them); a failure is reported like any other options failure, naming each key.
    /// </summary>
    private static void AddRemoteModel(IServiceCollection services, LlmOptions llm)
    {
        try
        {
            services.AddSemanticKernelAnswerModel(llm);
        }
        catch (ArgumentException e) when (e.ParamName == "options")
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LlmOptions), [e.Message.Replace(" (Parameter 'options')", "", StringComparison.Ordinal)]);
        }
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
