using System.ClientModel;
using Ask.Core.Chunking;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Ask.Adapters.OpenAI;

public static class OpenAIEmbeddingsServiceCollectionExtensions
{
    /// <summary>
    /// Embeds through an OpenAI-compatible endpoint instead of the bundled encoder. Token counts are
    /// estimated from words, since the remote model's tokenizer is not available locally.
    /// </summary>
    public static IServiceCollection AddOpenAIEmbeddings(this IServiceCollection services, OpenAIEmbeddingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Model))
            throw new ArgumentException("Embeddings:Model (ASK_EMBEDDING_MODEL) must name the embedding model when Embeddings:Provider is OpenAI.", nameof(options));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ =>
        {
            var clientOptions = new OpenAIClientOptions { NetworkTimeout = options.Timeout };
            if (options.BaseUrl is not null) clientOptions.Endpoint = options.BaseUrl;
            // Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
            var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey), clientOptions);
            return client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.Dimensions);
        });
        services.AddSingleton<ITokenCounter>(new WordBasedTokenCounter(options.MaxInputTokens));
        return services;
    }
}
