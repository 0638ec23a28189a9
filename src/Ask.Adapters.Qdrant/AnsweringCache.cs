using System.Collections.Concurrent;
using Ask.Core.Answering;
using Ask.Core.Chunking;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// What the extractive answerer asks of the store, held in this process so its synchronous questions
/// (<see cref="ISentenceVectors"/>, <see cref="IWordVectors"/>, <c>IArchiveVocabulary</c>) cost no round trip.
/// The vocabulary and the word vectors are read whole when the archive changes (a few MB); sentence vectors
/// are read for the chunks a search returns, just after the search, since the answerer quotes only those.
/// </summary>
/// <remarks>
/// Whether the archive changed is asked of the state point (its generation changes with every ingest, here or
/// in another process) at most every <see cref="CheckInterval"/>, the interval the embedded store checks its
/// own CURRENT file at. Until the first search has loaded it, nothing is known and every answer embeds, as on a
/// store without stored vectors.
/// </remarks>
internal sealed class AnsweringCache(AnsweringReader reader, TimeProvider time)
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Sentence vectors kept at most (about 400 bytes each at 384 dimensions); past it the cache starts over.</summary>
    public const int MaxSentences = 100_000;

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly ConcurrentDictionary<ulong, sbyte[]> _sentences = new();
    private readonly ConcurrentDictionary<Guid, bool> _chunksRead = new();
    private volatile Snapshot? _snapshot;
    private long _nextCheck;

    /// <summary>The archive's analysed terms, or null before the first search loaded them.</summary>
    public IReadOnlySet<string>? Vocabulary => _snapshot?.Vocabulary;

    public double? SentenceSimilarity(string sentence, ReadOnlySpan<float> query) =>
        _sentences.TryGetValue(QuotableSentences.Key(sentence), out var vector) ? Int8Vector.Similarity(vector, query) : null;

    public double? WordSimilarity(string word, ReadOnlySpan<float> vector) =>
        _snapshot?.Words.TryGetValue(word, out var stored) == true ? Int8Vector.Similarity(stored!, vector) : null;

    /// <summary>Makes the next search look at the archive's state again (after this process wrote it).</summary>
    public void Invalidate() => Interlocked.Exchange(ref _nextCheck, 0);

    /// <summary>Reloads what changed since the last look, then reads the sentence vectors of <paramref name="chunks"/> not yet held.</summary>
    public async Task PrepareAsync(IReadOnlyList<Chunk> chunks, int dimensions, CancellationToken cancellationToken)
    {
        await RefreshIfDueAsync(dimensions, cancellationToken);
        if (_snapshot?.Generation is null) return;
        var ids = chunks.Select(c => ChunkPointId.For(c.EpisodeId, c.Ordinal)).Distinct().Where(id => !_chunksRead.ContainsKey(id)).ToList();
        if (ids.Count == 0) return;
        var sentences = await reader.ReadSentencesAsync(ids, dimensions, cancellationToken);
        if (_sentences.Count + sentences.Count > MaxSentences)
        {
            _sentences.Clear();
            _chunksRead.Clear();
        }
        foreach (var (key, vector) in sentences) _sentences[key] = vector;
        // Also the chunks without a point: they have no quotable sentence, and asking again would find none.
        foreach (var id in ids) _chunksRead[id] = true;
    }

    private async Task RefreshIfDueAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (time.GetTimestamp() < Interlocked.Read(ref _nextCheck)) return;
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetTimestamp() < Interlocked.Read(ref _nextCheck)) return;
            var state = await reader.ReadStateAsync(cancellationToken);
            var current = _snapshot;
            if (current is null || current.Generation != state?.Generation || current.Dimensions != dimensions)
            {
                // Sentences of a replaced episode may have changed under the same chunk id: start over.
                _sentences.Clear();
                _chunksRead.Clear();
                _snapshot = state is null
                    ? new Snapshot(null, dimensions, null, new Dictionary<string, sbyte[]>())
                    : new Snapshot(state.Value.Generation, dimensions,
                        await reader.ReadVocabularyAsync(cancellationToken), await reader.ReadWordsAsync(dimensions, cancellationToken));
            }
            Interlocked.Exchange(ref _nextCheck, time.GetTimestamp() + (long)(CheckInterval.TotalSeconds * time.TimestampFrequency));
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private sealed record Snapshot(string? Generation, int Dimensions, IReadOnlySet<string>? Vocabulary, IReadOnlyDictionary<string, sbyte[]> Words);
}
