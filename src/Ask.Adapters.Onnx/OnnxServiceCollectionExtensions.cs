using Ask.Core.Chunking;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Adapters.Onnx;

public static class OnnxServiceCollectionExtensions
{
    /// <summary>Registers the bundled ONNX encoder as the embedding generator and its tokenizer as the token counter.</summary>
    public static IServiceCollection AddOnnxEmbeddings(this IServiceCollection services, OnnxEmbeddingOptions options)
    {
        services.AddSingleton(_ => new OnnxEmbeddingGenerator(options));
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => sp.GetRequiredService<OnnxEmbeddingGenerator>());
        services.AddSingleton<ITokenCounter>(_ =>
        {
            var card = ModelCard.For(options.Model);
            return new BertTokenCounter(card.CreateTokenizer(), card.MaxTokens);
        });
        return services;
    }
}
