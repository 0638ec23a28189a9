using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Testing.Indexing;

/// <summary>
/// An <see cref="IChunkIndex"/> held in a field, for testing the core's orchestrators without a store:
/// exact cosine search over the vectors, BM25 over the chunks' contextual text (<see cref="InMemoryLexicalScorer"/>),
/// and the answerer's sentence and word vectors and vocabulary. It passes the same contract suite as the
/// embedded and Qdrant stores, so what the core's tests see is what a real store would do.
/// </summary>
public sealed class InMemoryChunkIndex : IChunkIndex, ISentenceVectors, IWordVectors, IArchiveVocabulary
{
    private readonly Lock _writeGate = new();

    // Replaced whole by every update, so a reader sees the index before or after it, never half of it.
    private volatile Contents _contents = Contents.Empty;

    public string Name => "in-memory";

    public bool KeepsSentenceVectors => true;

    /// <summary>Updates applied so far, for tests that check an ingest wrote (or did not write).</summary>
    public int Updates { get; private set; }

    public Task<IReadOnlyDictionary<string, string>> GetEpisodeFingerprintsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_contents.Episodes.ToDictionary(e => e.Key, e => e.Value.Fingerprint, StringComparer.Ordinal));

    public Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken) => Task.FromResult(_contents.Space);

    public Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeGate)
        {
            var current = _contents;
            if (!update.Rebuild && current.Space is { } space && space != update.Space)
                throw new IndexSchemaMismatchException(space, update.Space);
            var episodes = update.Rebuild
                ? new Dictionary<string, IndexedEpisode>(StringComparer.Ordinal)
                : new Dictionary<string, IndexedEpisode>(current.Episodes, StringComparer.Ordinal);
            foreach (var id in update.Deletions) episodes.Remove(id);
            foreach (var episode in update.Upserts) episodes[episode.EpisodeId] = episode;
            _contents = new Contents(update.Space, episodes);
            Updates++;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScoredChunk>> SearchDenseAsync(ReadOnlyMemory<float> queryVector, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        var contents = _contents;
        if (contents.Chunks.Count == 0) return Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        if (queryVector.Length != contents.Space!.Dimensions)
            throw new IndexSchemaMismatchException(contents.Space, new EmbeddingSpace("query", queryVector.Length));
        var hits = contents.Chunks
            .Where(c => filter.Matches(c.Chunk))
            .Select(c => new ScoredChunk(c.Chunk, Cosine(queryVector.Span, c.Vector.Span)))
            .OrderByDescending(h => h.Score)
            .Take(limit)
            .ToList();
        return Task.FromResult<IReadOnlyList<ScoredChunk>>(hits);
    }

    public Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        var contents = _contents;
        return Task.FromResult<IReadOnlyList<ScoredChunk>>(contents.Lexical.Search(query, limit, filter));
    }

    public Task<IReadOnlyList<EpisodeSummary>> ListEpisodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EpisodeSummary>>(_contents.Episodes.Values
            .Where(e => e.Chunks.Count > 0)
            .Select(e => Summary(e.EpisodeId, e.Chunks.Select(c => c.Chunk).ToList()))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList());

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)_contents.Chunks.Count);

    public Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetStoredTextVectorsAsync(IReadOnlyCollection<string> texts, CancellationToken cancellationToken)
    {
        var contents = _contents;
        var found = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var text in texts)
            if (contents.Sentences.TryGetValue(text, out var vector) || contents.Words.TryGetValue(text, out vector)) found[text] = vector;
        return Task.FromResult<IReadOnlyDictionary<string, ReadOnlyMemory<float>>>(found);
    }

    public double? Similarity(string sentence, ReadOnlySpan<float> query) => Lookup(_contents.Sentences, sentence, query);

    public double? WordSimilarity(string word, ReadOnlySpan<float> vector) => Lookup(_contents.Words, word, vector);

    public IReadOnlyList<string> UnknownWords(string text) => _contents.Lexical.UnknownWords(text);

    private static double? Lookup(IReadOnlyDictionary<string, ReadOnlyMemory<float>> vectors, string text, ReadOnlySpan<float> query) =>
        vectors.TryGetValue(text, out var stored) && stored.Length == query.Length ? Cosine(query, stored.Span) : null;

    private static EpisodeSummary Summary(string id, IReadOnlyList<Chunk> chunks)
    {
        var first = chunks[0];
        return new EpisodeSummary(id, first.EpisodeTitle, first.Guests, first.Season, first.EpisodeNumber, first.YouTubeId, chunks.Count, chunks.Max(c => c.EndSec))
        {
            Podcast = first.Podcast,
            AudioUrl = first.AudioUrl,
            PageUrl = first.PageUrl,
        };
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.Sqrt(normA * normB);
    }

    /// <summary>One state of the index, with what searches need computed once.</summary>
    private sealed class Contents
    {
        public static readonly Contents Empty = new(null, new Dictionary<string, IndexedEpisode>());

        public Contents(EmbeddingSpace? space, IReadOnlyDictionary<string, IndexedEpisode> episodes)
        {
            Space = space;
            Episodes = episodes;
            Chunks = episodes.Values.SelectMany(e => e.Chunks).ToList();
            Lexical = new InMemoryLexicalScorer(Chunks.Select(c => c.Chunk).ToList());
            // The same sentence said in two episodes has one vector; the first one answers for both, as in the stores.
            Sentences = First(episodes.Values.SelectMany(e => e.Sentences).Select(s => (s.Text, s.Vector)));
            Words = First(episodes.Values.SelectMany(e => e.Words).Select(w => (w.Text, w.Vector)));
        }

        public EmbeddingSpace? Space { get; }
        public IReadOnlyDictionary<string, IndexedEpisode> Episodes { get; }
        public IReadOnlyList<EmbeddedChunk> Chunks { get; }
        public InMemoryLexicalScorer Lexical { get; }
        public IReadOnlyDictionary<string, ReadOnlyMemory<float>> Sentences { get; }
        public IReadOnlyDictionary<string, ReadOnlyMemory<float>> Words { get; }

        private static Dictionary<string, ReadOnlyMemory<float>> First(IEnumerable<(string Text, ReadOnlyMemory<float> Vector)> texts)
        {
            var first = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
            foreach (var (text, vector) in texts) first.TryAdd(text, vector);
            return first;
        }
    }
}
