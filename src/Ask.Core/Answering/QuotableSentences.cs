using Ask.Core.Chunking;

namespace Ask.Core.Answering;

/// <summary>
/// The sentences of a transcript line that an extractive answer may quote. Ingestion embeds exactly
/// these, so the answerer finds their vectors ready instead of embedding them per question.
/// </summary>
public static class QuotableSentences
{
    private const int MinWords = 4;

    /// <summary>The quotable sentences of one line (or line part) of a chunk or passage.</summary>
    public static IEnumerable<string> Of(string turn)
    {
        foreach (var sentence in SentenceSplitter.Split(turn))
        {
            // A question in the transcript (usually the host's) resembles the user's question most, but it
            // answers nothing; and a line that addresses an AI is never quoted (prompt injection).
            if (TextStatistics.CountWords(sentence) < MinWords || sentence.TrimEnd().EndsWith('?')
                || InstructionFilter.LooksLikeInstructions(sentence)) continue;
            yield return sentence;
        }
    }

    /// <summary>Every quotable sentence of a chunk, once each.</summary>
    public static IEnumerable<string> Of(Chunk chunk) =>
        chunk.Lines.SelectMany(line => Of(chunk.Text.Substring(line.Offset, line.Length))).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The key a sentence's vector is stored under: a 64-bit hash of its exact text. A collision among an
    /// archive's ~10⁵ sentences is about one in a billion, and would only cost one sentence a wrong similarity.
    /// </summary>
    public static ulong Key(string sentence) => TextHash.Fnv1a64(sentence);
}
