namespace Ask.Core.Answering;

/// <summary>
/// Vectors of quotable sentences computed at ingest (<see cref="QuotableSentences"/>), so that answering
/// without a language model costs no embedding beyond the question's own.
/// </summary>
public interface ISentenceVectors
{
    /// <summary>
    /// Cosine similarity between the stored vector of <paramref name="sentence"/> and <paramref name="query"/>,
    /// or null when the sentence has no stored vector (then the caller embeds it).
    /// </summary>
    double? Similarity(string sentence, ReadOnlySpan<float> query);
}
