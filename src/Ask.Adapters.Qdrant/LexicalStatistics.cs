namespace Ask.Adapters.Qdrant;

/// <summary>
/// What BM25's length normalisation needs of the whole archive: how many chunks it has and how many analysed
/// terms they hold together. Computed at ingest from the chunks themselves and kept in the answering collection,
/// so the lexical weights of the points are those of the archive actually served.
/// </summary>
internal readonly record struct LexicalStatistics(long Chunks, long Terms)
{
    public static readonly LexicalStatistics Empty = new(0, 0);

    /// <summary>
    /// The average chunk length in terms, computed as Lucene computes it (a float of terms over documents, 1 for
    /// an empty index), so that the weights match the embedded store's BM25 to the last bit Lucene keeps.
    /// </summary>
    public float AverageTerms => Terms <= 0 || Chunks <= 0 ? 1f : (float)(Terms / (double)Chunks);

    public static LexicalStatistics operator +(LexicalStatistics a, LexicalStatistics b) => new(a.Chunks + b.Chunks, a.Terms + b.Terms);
}
