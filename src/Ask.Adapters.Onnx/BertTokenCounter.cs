using Ask.Core.Chunking;
using BERTTokenizers.Base;

namespace Ask.Adapters.Onnx;

/// <summary>Counts word pieces with the bundled model's own tokenizer (special tokens excluded).</summary>
internal sealed class BertTokenCounter(TokenizerBase tokenizer, int maxTokens) : ITokenCounter
{
    private const int Unlimited = 1_000_000;
    private readonly Lock _gate = new();

    public int MaxTokens { get; } = maxTokens;

    public int CountTokens(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 0;
        // The tokenizer keeps per-call buffers; it is cheap enough to serialise.
        lock (_gate) return tokenizer.Tokenize(Unlimited, [text])[0].Length - 2;
    }
}
