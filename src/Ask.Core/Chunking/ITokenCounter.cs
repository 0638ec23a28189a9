namespace Ask.Core.Chunking;

/// <summary>
/// Counts tokens the way the embedding model's own tokenizer does, so no chunk exceeds the window the
/// encoder reads (text past it would be silently cut off and never be searchable).
/// </summary>
public interface ITokenCounter
{
    /// <summary>The longest input, in tokens, the model reads without truncating.</summary>
    int MaxTokens { get; }

    int CountTokens(string text);
}

/// <summary>An estimate for embedders without a local tokenizer (remote endpoints): about 1.4 tokens per word.</summary>
public sealed class WordBasedTokenCounter(int maxTokens) : ITokenCounter
{
    public int MaxTokens { get; } = maxTokens;

    public int CountTokens(string text) => (int)Math.Ceiling(TextStatistics.CountWords(text) * 1.4);
}
