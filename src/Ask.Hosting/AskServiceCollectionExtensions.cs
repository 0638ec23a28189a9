using Ask.Adapters.EmbeddedIndex;
using Ask.Adapters.LlamaSharp;
using Ask.Adapters.Onnx;
using Ask.Adapters.OpenAI;
using Ask.Adapters.Qdrant;
using Ask.Adapters.SemanticKernel;
using Ask.Adapters.Transcripts;
using Ask.Answering.ChatModel;
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

        // No model configured means extractive mode: said in the startup log and in every answer's mode. Any
        // provider name but "local" chooses an endpoint, so a misspelt "local" is refused at start for want of a model.
        var llm = configuration.GetSection(LlmOptions.Section);
        if (LlmOptions.IsLocalProvider(llm[nameof(LlmOptions.Provider)])) services.AddLocalLlm(llm);
        else if (!string.IsNullOrWhiteSpace(llm[nameof(LlmOptions.Model)]) || !string.IsNullOrWhiteSpace(llm[nameof(LlmOptions.Provider)]))
            services.AddSemanticKernelAnswerModel(llm, o => o.ApiKey = OpenAIKeyLane.Fallback(o.ApiKey, o.BaseUrl, configuration));
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

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
