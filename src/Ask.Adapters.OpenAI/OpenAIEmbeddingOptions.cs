namespace Ask.Adapters.OpenAI;

/// <summary>An OpenAI-compatible <c>/v1/embeddings</c> endpoint: OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, llama.cpp server.</summary>
public sealed class OpenAIEmbeddingOptions
{
    /// <summary>Base URL including <c>/v1</c>, e.g. <c>http://localhost:11434/v1</c> for Ollama. Default: OpenAI's.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Model name, e.g. <c>text-embedding-3-small</c> or <c>nomic-embed-text</c>. Required.</summary>
    public string Model { get; set; } = "";

    /// <summary>API key; local servers accept any value. Read from the environment, never from the repository.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Vector size to request (models that support shortening). Default null: the model's own size, learned from a first call.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Longest input the model reads, in tokens; chunks are kept below it. Default 512.</summary>
    public int MaxInputTokens { get; set; } = 512;

    /// <summary>Per-request timeout. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
