namespace Ask.Core.Answering;

/// <summary>
/// Vectors of the transcripts' words (<see cref="VocabularyWords"/>) computed at ingest, so that checking a
/// question's unknown word against the sources (<see cref="UnknownWordCheck"/>) embeds only that word.
/// </summary>
public interface IWordVectors
{
    /// <summary>
    /// Cosine similarity between the stored vector of <paramref name="word"/> and <paramref name="vector"/>, or
    /// null when the word has no stored vector (then the caller embeds it).
    /// </summary>
    double? WordSimilarity(string word, ReadOnlySpan<float> vector);
}
