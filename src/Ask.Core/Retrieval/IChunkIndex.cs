using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Core.Retrieval;

/// <summary>
/// Where chunks live once embedded: dense vectors and a lexical index over the same chunks, replaced
/// one whole episode at a time. Implemented by the embedded on-disk index and by Qdrant.
/// </summary>
public interface IChunkIndex
{
    /// <summary>Short name for messages and reports (<c>embedded</c>, <c>qdrant</c>).</summary>
    string Name { get; }

    /// <summary>The indexed episodes and the fingerprint each was indexed with; empty when no index exists yet.</summary>
    Task<IReadOnlyDictionary<string, string>> GetEpisodeFingerprintsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The embedding space the index was built in, or null for an empty index. Searching or writing with
    /// vectors of another model or size is refused (see <see cref="IndexSchemaMismatchException"/>).
    /// </summary>
    Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies one ingest: every episode in <see cref="IndexUpdate.Upserts"/> replaces all earlier
    /// chunks of that episode, every id in <see cref="IndexUpdate.Deletions"/> is removed. Readers see
    /// the index before or after the update, never a half-applied one (where the store allows it).
    /// </summary>
    Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScoredChunk>> SearchDenseAsync(ReadOnlyMemory<float> queryVector, int limit, SearchFilter filter, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken);

    /// <summary>The indexed episodes with their metadata, ordered by id.</summary>
    Task<IReadOnlyList<EpisodeSummary>> ListEpisodesAsync(CancellationToken cancellationToken);

    /// <summary>Number of chunks currently served.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether the index stores the vectors of quotable sentences and of words (<see cref="IndexedEpisode.Sentences"/>,
    /// <see cref="IndexedEpisode.Words"/>); ingestion computes them only for an index that keeps them.
    /// </summary>
    bool KeepsSentenceVectors => false;

    /// <summary>
    /// The vectors the index already holds for any of <paramref name="texts"/> (quotable sentences and words, matched
    /// by their exact text in any episode), so that an update embeds only the texts it has not seen. Texts without a
    /// stored vector are left out. A vector may differ from the embedder's by its length (every use of these vectors
    /// is a cosine), but written back it must be stored exactly as it is now. The default reuses nothing.
    /// </summary>
    Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetStoredTextVectorsAsync(IReadOnlyCollection<string> texts, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, ReadOnlyMemory<float>>>(new Dictionary<string, ReadOnlyMemory<float>>());
}

/// <summary>The model and vector size an index was built with.</summary>
public sealed record EmbeddingSpace(string Model, int Dimensions);

/// <summary>One ingest's changes to an index.</summary>
/// <param name="Rebuild">Drop everything not in <paramref name="Upserts"/>.</param>
public sealed record IndexUpdate(
    EmbeddingSpace Space,
    IReadOnlyList<IndexedEpisode> Upserts,
    IReadOnlyList<string> Deletions,
    bool Rebuild = false);

/// <summary>All chunks of one episode with their vectors, written together.</summary>
/// <param name="Sentences">The episode's quotable sentences with their vectors, for an index that keeps them; else empty.</param>
public sealed record IndexedEpisode(string EpisodeId, string Fingerprint, IReadOnlyList<EmbeddedChunk> Chunks)
{
    public IReadOnlyList<EmbeddedSentence> Sentences { get; init; } = [];

    /// <summary>The episode's words (<see cref="Answering.VocabularyWords"/>) with their vectors, for an index that keeps them; else empty.</summary>
    public IReadOnlyList<EmbeddedWord> Words { get; init; } = [];
}

public sealed record EmbeddedChunk(Chunk Chunk, ReadOnlyMemory<float> Vector);

/// <summary>A quotable sentence of a transcript and its vector.</summary>
public sealed record EmbeddedSentence(string Text, ReadOnlyMemory<float> Vector);

/// <summary>A word of a transcript and its vector.</summary>
public sealed record EmbeddedWord(string Text, ReadOnlyMemory<float> Vector);

public sealed record ScoredChunk(Chunk Chunk, double Score);

/// <summary>Restricts a search to podcasts, episodes, guests or a season; empty members mean no restriction.</summary>
public sealed record SearchFilter
{
    public static readonly SearchFilter None = new();

    /// <summary>Podcast ids (<see cref="Podcast.Id"/>); a chunk matches when its podcast is any of them.</summary>
    public IReadOnlyList<string> Podcasts { get; init; } = [];
    public IReadOnlyList<string> Episodes { get; init; } = [];
    public IReadOnlyList<string> Guests { get; init; } = [];
    public int? Season { get; init; }

    public bool IsEmpty => Podcasts.Count == 0 && Episodes.Count == 0 && Guests.Count == 0 && Season is null;

    public bool Matches(Chunk chunk) =>
        (Podcasts.Count == 0 || Podcasts.Contains(chunk.Podcast.Id, StringComparer.Ordinal))
        && (Episodes.Count == 0 || Episodes.Contains(chunk.EpisodeId, StringComparer.Ordinal))
        && (Guests.Count == 0 || chunk.Guests.Any(g => Guests.Contains(g, StringComparer.OrdinalIgnoreCase)))
        && (Season is null || chunk.Season == Season);
}

/// <summary>The index was built with another embedding model or vector size than the one configured.</summary>
public sealed class IndexSchemaMismatchException(EmbeddingSpace indexed, EmbeddingSpace configured)
    : AskException($"The index was built with {indexed.Model} ({indexed.Dimensions} dimensions) but the configured embedder is {configured.Model} ({configured.Dimensions} dimensions). Re-ingest with --rebuild, or configure the original model.")
{
    public EmbeddingSpace Indexed { get; } = indexed;
    public EmbeddingSpace Configured { get; } = configured;
}

/// <summary>An indexed episode as listed by <c>GET /api/episodes</c>.</summary>
public sealed record EpisodeSummary(string Id, string Title, IReadOnlyList<string> Guests, int? Season, int? Number, string? YouTubeId, int Chunks, double DurationSec)
{
    public Podcast Podcast { get; init; } = Podcast.DataTalksClub;
    public string? AudioUrl { get; init; }
    public string? PageUrl { get; init; }
}
