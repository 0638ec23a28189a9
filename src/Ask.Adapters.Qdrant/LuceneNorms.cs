using Lucene.Net.Search.Similarities;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Lucene's BM25 stores a document's length in one byte (1/√length, a 3-bit mantissa), so the length it scores
/// with is a rounded one. The embedded store ranks with that rounding; the sparse vectors on Qdrant use the
/// same functions, borrowed from <see cref="BM25Similarity"/> itself, or their rankings would drift apart on
/// chunks of similar length.
/// </summary>
internal sealed class LuceneNorms : BM25Similarity
{
    private static readonly LuceneNorms Instance = new();

    private LuceneNorms()
    {
    }

    /// <summary>The length Lucene scores a document of <paramref name="terms"/> terms with.</summary>
    public static float ScoredLength(int terms) => Instance.DecodeNormValue(Instance.EncodeNormValue(1f, terms));
}
