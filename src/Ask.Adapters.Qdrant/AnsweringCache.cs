using System.Collections.Concurrent;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// What the extractive answerer asks of the store, held in this process so its synchronous questions
/// (<see cref="ISentenceVectors"/>, <see cref="IWordVectors"/>, <c>IArchiveVocabulary</c>) cost no round trip.
/// The vocabulary and the word vectors are read whole when the archive changes (a few MB); sentence vectors
/// are read for the chunks a search returns, just after the search, since the answerer quotes only those.
/// </summary>
/// <remarks>
/// Whether the archive changed is asked of the state point (its generation changes with every ingest, here or
/// in another process, e.g. a <c>--rebuild</c> that moved the aliases) at most every <see cref="CheckInterval"/>,
/// the interval the embedded store checks its own CURRENT file at. A new generation is read completely first and
/// then replaces the old one in one reference swap, so a request sees the old archive's vocabulary or the new
/// one's, never a half-read one, and the vectors it found stay (see <see cref="StoredVectors"/>). Until the first
/// search has loaded it, nothing is known and every answer embeds, as on a store without stored vectors.
/// </remarks>
internal sealed class AnsweringCache(AnsweringReader reader, TimeProvider time)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Sentence vectors kept at most (about 400 bytes each at 384 dimensions); past it the cache starts over.</summary>
    public const int MaxSentences = 100_000;

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile Snapshot? _snapshot;
    private long _nextCheck;

    /// <summary>The archive's analysed terms, or null before the first search loaded them.</summary>
    public IReadOnlySet<string>? Vocabulary => _snapshot?.Vocabulary;

    public double? SentenceSimilarity(string sentence, ReadOnlySpan<float> query) =>
        _snapshot?.Vectors.Sentence(QuotableSentences.Key(sentence)) is { } vector ? Int8Vector.Similarity(vector, query) : null;

    public double? WordSimilarity(string word, ReadOnlySpan<float> vector) =>
        _snapshot?.Vectors.Word(word) is { } stored ? Int8Vector.Similarity(stored, vector) : null;

    /// <summary>Makes the next search look at the archive's state again (after this process wrote it).</summary>
    public void Invalidate() => Interlocked.Exchange(ref _nextCheck, 0);

    /// <summary>Reloads what changed since the last look, then reads the sentence vectors of <paramref name="chunks"/> not yet held.</summary>
    public async Task PrepareAsync(IReadOnlyList<Chunk> chunks, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        await RefreshIfDueAsync(space, cancellationToken);
        // Read once: a swap while this request reads lands its sentences in the vectors both generations share.
        if (_snapshot is not { Generation: not null } snapshot) return;
        var ids = chunks.Select(c => ChunkPointId.For(c.EpisodeId, c.Ordinal)).Distinct().Where(id => !snapshot.ChunksRead.ContainsKey(id)).ToList();
        if (ids.Count == 0) return;
        var sentences = await reader.ReadSentencesAsync(ids, space.Dimensions, cancellationToken);
        if (snapshot.Vectors.SentenceCount + sentences.Count > MaxSentences)
        {
            snapshot.Vectors.ClearSentences();
            snapshot.ChunksRead.Clear();
        }
        snapshot.Vectors.AddSentences(sentences);
        // Also the chunks without a point: they have no quotable sentence, and asking again would find none.
        foreach (var id in ids) snapshot.ChunksRead[id] = true;
    }

    private async Task RefreshIfDueAsync(EmbeddingSpace space, CancellationToken cancellationToken)
    {
        if (time.GetTimestamp() < Interlocked.Read(ref _nextCheck)) return;
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetTimestamp() < Interlocked.Read(ref _nextCheck)) return;
            var state = await reader.ReadStateAsync(cancellationToken);
            var current = _snapshot;
            if (current is null || current.Generation != state?.Generation || current.Vectors.Space != space)
            {
                // Vectors of another model (a rebuild in another space) would be wrong for every text: start over.
                var vectors = current is not null && current.Vectors.Space == space ? current.Vectors : new StoredVectors(space);
                IReadOnlySet<string>? vocabulary = null;
                if (state is not null)
                {
                    vocabulary = await reader.ReadVocabularyAsync(cancellationToken);
                    vectors.AddWords(await reader.ReadWordsAsync(space.Dimensions, cancellationToken));
                }
                // Which chunks' sentences were read is per generation: a replaced episode's chunk id may now hold other sentences.
                _snapshot = new Snapshot(state?.Generation, vocabulary, vectors, new ConcurrentDictionary<Guid, bool>());
            }
            Interlocked.Exchange(ref _nextCheck, time.GetTimestamp() + (long)(CheckInterval.TotalSeconds * time.TimestampFrequency));
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private sealed record Snapshot(string? Generation, IReadOnlySet<string>? Vocabulary, StoredVectors Vectors, ConcurrentDictionary<Guid, bool> ChunksRead);
}
