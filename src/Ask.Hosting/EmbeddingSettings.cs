using Ask.Adapters.Onnx;
using Ask.Adapters.OpenAI;
using Ask.Core;
using Microsoft.Extensions.Configuration;

namespace Ask.Hosting;

public enum EmbeddingProvider { Onnx, OpenAI }

/// <summary>
/// The <c>Embeddings</c> section: which embedder, and its model. One <c>Model</c> key serves both
/// providers — a bundled encoder's name for ONNX, the endpoint's model name for OpenAI-compatible servers.
/// </summary>
public sealed class EmbeddingSettings
{
    public const string Section = "Embeddings";

    /// <summary><c>Onnx</c> (bundled encoder, default) or <c>OpenAI</c> (any OpenAI-compatible endpoint) — <c>ASK_EMBEDDING_PROVIDER</c>.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Onnx;

    /// <summary><c>MiniLM</c> (default) or <c>ArcticXs</c> for ONNX; the model name for OpenAI — <c>ASK_EMBEDDING_MODEL</c>.</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI-compatible base URL including <c>/v1</c> — <c>ASK_EMBEDDING_BASE_URL</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>API key for the endpoint — <c>ASK_EMBEDDING_API_KEY</c>, else <c>OPENAI_API_KEY</c> when the endpoint is OpenAI's own.</summary>
    public string? ApiKey { get; set; }

    public int? Dimensions { get; set; }
    public int MaxInputTokens { get; set; } = 512;
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Keep ONNX Runtime's memory arena between inferences (<see cref="OnnxEmbeddingOptions.MemoryArena"/>). Default true:
    /// without it an ingest peaks about a fifth lower but embeds a third slower (docs/bad-input.md#memory).</summary>
    public bool MemoryArena { get; set; } = true;

    public static EmbeddingSettings From(IConfiguration configuration)
    {
        var provider = SettingChoice.Read(configuration, "Embeddings:Provider", "ASK_EMBEDDING_PROVIDER", EmbeddingProvider.Onnx);
        var settings = configuration.GetSection(Section).Get<EmbeddingSettings>() ?? new EmbeddingSettings();
        settings.Provider = provider;
        settings.ApiKey = OpenAIKeyLane.Fallback(settings.ApiKey, settings.BaseUrl, configuration);
        return settings;
    }

    public OnnxEmbeddingOptions ToOnnx()
    {
        var model = LocalEmbeddingModel.MiniLM;
        if (Model is not null && !Enum.TryParse(Model, ignoreCase: true, out model))
            throw new AskException($"Embeddings:Model (ASK_EMBEDDING_MODEL) is '{Model}'; the bundled encoders are {string.Join(" and ", Enum.GetNames<LocalEmbeddingModel>())}. For a model served over HTTP set ASK_EMBEDDING_PROVIDER=OpenAI and ASK_EMBEDDING_BASE_URL.");
        return new OnnxEmbeddingOptions { Model = model, IntraOpThreads = IntraOpThreads, MemoryArena = MemoryArena };
    }

    public OpenAIEmbeddingOptions ToOpenAI() => new()
    {
        BaseUrl = BaseUrl,
        Model = Model ?? "",
        ApiKey = ApiKey,
        Dimensions = Dimensions,
        MaxInputTokens = MaxInputTokens,
    };
}
