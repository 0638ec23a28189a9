using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Turns text into the sparse vectors of the lexical side. Qdrant only multiplies and sums, so BM25 is
/// split in two: the document side (term frequency saturated by k1 and normalised by length with b) is
/// computed here, the IDF factor is computed by Qdrant over the live collection (<c>Modifier.Idf</c>), and a
/// query term weighs 1. The dot product of the two is then the BM25 score, the embedded store's Lucene score
/// when the average length is the archive's (<see cref="LexicalStatistics"/>).
/// Tokens come from Lucene's <see cref="EnglishAnalyzer"/> (stop words, possessives, Porter stemming), the
/// analyzer the embedded index uses, so both stores see the same terms.
/// </summary>
internal static class LexicalEncoder
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;

    private static readonly Analyzer _analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    /// <summary>Analysed terms of <paramref name="text"/>, in order, with repeats.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        // Analyzer is safe to share: it keeps one token stream per thread.
        using var stream = _analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>
    /// The document side: one entry per distinct term, BM25's saturated, length-normalised tf, in Lucene's
    /// arithmetic (floats, the rounded length of <see cref="LuceneNorms"/>) against the archive's
    /// <paramref name="averageTerms"/> (<see cref="LexicalStatistics.AverageTerms"/>).
    /// </summary>
    public static (uint[] Indices, float[] Values) EncodeDocument(string text, float averageTerms) =>
        EncodeDocument(Terms(text), averageTerms);

    /// <inheritdoc cref="EncodeDocument(string, float)"/>
    public static (uint[] Indices, float[] Values) EncodeDocument(IReadOnlyList<string> terms, float averageTerms)
    {
        var frequencies = new Dictionary<uint, int>();
        foreach (var index in terms.Select(TermIndex)) frequencies[index] = frequencies.GetValueOrDefault(index) + 1;
        var norm = K1 * ((1 - B) + B * LuceneNorms.ScoredLength(terms.Count) / averageTerms);
        return ToSorted(frequencies.Select(f => (f.Key, (K1 + 1) * f.Value / (f.Value + norm))));
    }

    /// <summary>The query side: weight 1 per distinct term; Qdrant supplies the IDF.</summary>
    public static (uint[] Indices, float[] Values) EncodeQuery(string text) =>
        ToSorted(Terms(text).Select(TermIndex).Distinct().Select(i => (i, 1f)));

    /// <summary>
    /// A term's dimension: FNV-1a (32 bit) of its UTF-8 bytes. Stable across processes and runtimes,
    /// unlike <see cref="string.GetHashCode()"/>; two terms sharing a dimension in a vocabulary of some
    /// ten thousand terms is rare and only blurs one term's weight.
    /// </summary>
    public static uint TermIndex(string term)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(term))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }

    private static (uint[] Indices, float[] Values) ToSorted(IEnumerable<(uint Index, float Value)> entries)
    {
        var sorted = entries.OrderBy(e => e.Index).ToArray();
        return (sorted.Select(e => e.Index).ToArray(), sorted.Select(e => e.Value).ToArray());
    }
}
