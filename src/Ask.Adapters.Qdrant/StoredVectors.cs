using System.Collections.Concurrent;
using Ask.Core.Retrieval;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Sentence and word vectors read from the answering collection, held for one embedding space. They are
/// addressed by content (a sentence's hash, a word), and the same text in the same space has the same
/// vector in every generation, so a new generation only adds to them: a request that found a vector
/// before an ingest finds it after, and never sees a word vanish halfway through its own lookups.
/// </summary>
internal sealed class StoredVectors(EmbeddingSpace space)
{
    private readonly ConcurrentDictionary<ulong, sbyte[]> _sentences = new();
    private readonly ConcurrentDictionary<string, sbyte[]> _words = new(StringComparer.Ordinal);

    public EmbeddingSpace Space { get; } = space;

    public int SentenceCount => _sentences.Count;

    public sbyte[]? Sentence(ulong key) => _sentences.TryGetValue(key, out var vector) ? vector : null;

    public sbyte[]? Word(string word) => _words.TryGetValue(word, out var vector) ? vector : null;

    public void AddSentences(IEnumerable<(ulong Key, sbyte[] Vector)> sentences)
    {
        foreach (var (key, vector) in sentences) _sentences[key] = vector;
    }

    public void AddWords(IReadOnlyDictionary<string, sbyte[]> words)
    {
        foreach (var (word, vector) in words) _words[word] = vector;
    }

    /// <summary>Forgets the sentences (past the cache's bound); a request missing one embeds it, as before it was read.</summary>
    public void ClearSentences() => _sentences.Clear();
}
