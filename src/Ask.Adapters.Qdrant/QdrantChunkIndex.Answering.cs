using Ask.Core.Answering;
using Ask.Core.Retrieval;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// What the extractive answerer needs besides chunks, answered from the answering collection as the embedded
/// store answers it from its generation files: stored sentence and word vectors, and the archive's vocabulary.
/// So an extractive answer on Qdrant embeds only the question, and refuses what the embedded store refuses.
/// </summary>
internal sealed partial class QdrantChunkIndex : ISentenceVectors, IWordVectors, IArchiveVocabulary
{
    public bool KeepsSentenceVectors => true;

    public double? Similarity(string sentence, ReadOnlySpan<float> query) => _answering.SentenceSimilarity(sentence, query);

    public double? WordSimilarity(string word, ReadOnlySpan<float> vector) => _answering.WordSimilarity(word, vector);

    /// <summary>
    /// The embedded store's rule (a word is unknown when one of its analysed terms is in no chunk) over the terms
    /// the answering collection lists per episode; nothing is unknown before a search has loaded them.
    /// </summary>
    public IReadOnlyList<string> UnknownWords(string text)
    {
        if (_answering.Vocabulary is not { } vocabulary) return [];
        var unknown = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (LexicalEncoder.Terms(word).Any(t => !vocabulary.Contains(t)))
                unknown.Add(word.Trim('.', ',', '?', '!', ';', ':', '"', '\'', '(', ')'));
        }
        return unknown;
    }

    /// <summary>Loads what the answerer will ask about the chunks a search found, while the caller is still async.</summary>
    private async Task PrepareAnsweringAsync(IReadOnlyList<ScoredChunk> hits, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        if (hits.Count > 0) await _answering.PrepareAsync(hits.Select(h => h.Chunk).ToList(), space, cancellationToken);
    }
}
