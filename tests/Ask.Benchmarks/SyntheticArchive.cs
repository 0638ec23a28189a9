using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Benchmarks;

/// <summary>
/// A larger archive made from a real index without embedding anything: copy 0 is the real archive as it is;
/// copy k (k ≥ 1) repeats every episode under the id <c>{id}-x{k}</c> and the title <c>{title} (copy k)</c>,
/// with each chunk vector (and, once for all copies, each sentence vector) moved slightly by seeded noise and
/// normalised again. Sentences and
/// words are taken from the chunks exactly as ingestion takes them, with the vectors the real index stores.
/// </summary>
/// <remarks>
/// The copies' text is the real text, so the lexical index grows like a real archive's would with more of
/// the same kind of talk, and every question has near-ties among the copies. A word is kept once per index
/// whatever episode says it, so the word table stays the real archive's size; an ingest of copies would do
/// the same.
/// </remarks>
internal sealed class SyntheticArchive
{
    /// <summary>Length of the noise added to a unit vector: its copies keep a cosine of about 0.995 with it.</summary>
    private const float Noise = 0.1f;

    private readonly IndexGeneration _source;
    private readonly Dictionary<string, float[]> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _copiedSentences = new(StringComparer.Ordinal);

    private SyntheticArchive(IndexGeneration source) => _source = source;

    public int Dimensions => _source.Manifest.Dimensions;
    public int SourceChunks => _source.Chunks.Length;
    public EmbeddingSpace Space => _source.Space;

    /// <summary>Opens the generation the data folder's index serves (<c>{data}/index/CURRENT</c>), read-only.</summary>
    public static SyntheticArchive Open(string dataFolder)
    {
        var index = Path.Combine(dataFolder, "index");
        var current = Path.Combine(index, EmbeddedChunkIndex.CurrentFile);
        if (!File.Exists(current)) throw new ArgumentException($"{dataFolder} holds no index ({current} is missing); ingest the archive into it first.");
        var source = IndexGeneration.Load(Path.Combine(index, File.ReadAllText(current).Trim()));
        if (source.Sentences.Count == 0 || source.Words.Count == 0)
            throw new ArgumentException($"The index in {dataFolder} has no sentence or word vectors; re-ingest it with the current version of Ask.");
        return new SyntheticArchive(source);
    }

    /// <summary>The whole archive <paramref name="copies"/> times over, as one rebuild.</summary>
    public IndexUpdate Build(int copies)
    {
        var episodes = _source.Chunks.Select((chunk, row) => (chunk, row)).GroupBy(c => c.chunk.EpisodeId, StringComparer.Ordinal).ToList();
        var upserts = new List<IndexedEpisode>(episodes.Count * copies);
        for (var copy = 0; copy < copies; copy++)
        {
            var random = new Random(copy);
            foreach (var episode in episodes)
                upserts.Add(Copy(episode.Key, episode.ToList(), copy, random));
        }
        return new IndexUpdate(Space, upserts, [], Rebuild: true);
    }

    private IndexedEpisode Copy(string id, List<(Chunk Chunk, int Row)> rows, int copy, Random random)
    {
        var copyId = copy == 0 ? id : $"{id}-x{copy}";
        var chunks = new EmbeddedChunk[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (chunk, row) = rows[i];
            var renamed = copy == 0 ? chunk : chunk with { EpisodeId = copyId, EpisodeTitle = $"{chunk.EpisodeTitle} (copy {copy})" };
            chunks[i] = new EmbeddedChunk(renamed, Perturbed(_source.VectorAt(row), copy, random));
        }
        // As ingestion does: the distinct quotable sentences and words of the episode's chunks.
        var sentences = rows.SelectMany(r => QuotableSentences.Of(r.Chunk)).Distinct(StringComparer.Ordinal)
            .Select(text => SentenceVector(text, copy, random) is { } vector ? new EmbeddedSentence(text, vector) : null)
            .OfType<EmbeddedSentence>().ToArray();
        var words = rows.SelectMany(r => VocabularyWords.Of(r.Chunk.Text)).Distinct(StringComparer.Ordinal)
            .Select(text => WordVector(text) is { } vector ? new EmbeddedWord(text, vector) : null)
            .OfType<EmbeddedWord>().ToArray();
        var fingerprint = _source.Manifest.Episodes.GetValueOrDefault(id, "") + (copy == 0 ? "" : $";copy={copy}");
        return new IndexedEpisode(copyId, fingerprint, chunks) { Sentences = sentences, Words = words };
    }

    /// <summary>
    /// The real vector for copy 0, and for every later copy one perturbed vector shared by all of them: only the
    /// first row of a text is ever read (its copies have the same text, so the same key), so giving each copy its
    /// own would change no answer, only add gigabytes to the bench's own memory at 16 times the archive.
    /// </summary>
    private float[]? SentenceVector(string text, int copy, Random random)
    {
        if (copy > 0 && _copiedSentences.TryGetValue(text, out var shared)) return shared;
        if (_source.Sentences.VectorOf(text) is not { } vector) return null;
        var result = Perturbed(vector, copy, random);
        if (copy > 0) _copiedSentences[text] = result;
        return result;
    }

    /// <summary>One array per word, shared by every episode that says it, as an ingest shares one vector per distinct text.</summary>
    private float[]? WordVector(string word)
    {
        if (_words.TryGetValue(word, out var vector)) return vector;
        vector = _source.Words.VectorOf(word);
        if (vector is not null) _words[word] = vector;
        return vector;
    }

    private static float[] Perturbed(ReadOnlySpan<float> vector, int copy, Random random)
    {
        var result = VectorSearch.Normalize(vector);
        if (copy == 0) return result;
        var scale = Noise / MathF.Sqrt(result.Length);
        for (var i = 0; i < result.Length; i++) result[i] += scale * Gaussian(random);
        return VectorSearch.Normalize(result);
    }

    private static float Gaussian(Random random) =>
        MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());
}
