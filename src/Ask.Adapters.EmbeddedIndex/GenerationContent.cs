using System.Runtime.InteropServices;
using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// What a new generation holds — the previous generation's rows that stay, then the upserts' — as references to
/// where each row already is in memory. The writer streams them into the files a row at a time: merged copies of
/// a whole archive's vectors, next to the update that holds them already, were most of a first ingest's peak memory.
/// </summary>
internal sealed class GenerationContent
{
    private readonly int _dimensions;
    private readonly List<Chunk> _chunks = [];
    private readonly List<ChunkVector> _vectors = [];

    /// <summary>A chunk's vector: a row of the previous generation (unit length already), or an upsert's, normalised when written.</summary>
    private readonly record struct ChunkVector(ReadOnlyMemory<float> Vector, bool Normalised);

    private GenerationContent(int dimensions)
    {
        _dimensions = dimensions;
        Sentences = new TextVectorTable.Rows(dimensions);
        // A word's vector does not depend on the episode it was said in, so words are kept across ingests
        // even when their episodes go: a table of every word ever ingested, each once.
        Words = new TextVectorTable.Rows(dimensions, once: true);
    }

    public IReadOnlyList<Chunk> Chunks => _chunks;
    public TextVectorTable.Rows Sentences { get; }
    public TextVectorTable.Rows Words { get; }
    public Dictionary<string, string> Episodes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The content of the generation after <paramref name="update"/>. Every vector's size is checked here, before
    /// anything is written. The update's vectors are read again by the writer, so they must not change until then.
    /// </summary>
    public static GenerationContent Merge(IndexGeneration? previous, IndexUpdate update)
    {
        var dims = update.Space.Dimensions;
        var content = new GenerationContent(dims);
        var replaced = update.Upserts.Select(u => u.EpisodeId).Concat(update.Deletions).ToHashSet(StringComparer.Ordinal);
        if (previous is not null && !update.Rebuild)
        {
            content.Sentences.AddRowsOf(previous.Sentences, episode => !replaced.Contains(episode));
            content.Words.AddRowsOf(previous.Words, _ => true);
            for (var row = 0; row < previous.Chunks.Length; row++)
            {
                var chunk = previous.Chunks[row];
                if (replaced.Contains(chunk.EpisodeId)) continue;
                content._chunks.Add(chunk);
                content._vectors.Add(new ChunkVector(previous.Vectors.AsMemory(row * dims, dims), Normalised: true));
            }
            foreach (var (id, fingerprint) in previous.Manifest.Episodes)
                if (!replaced.Contains(id)) content.Episodes[id] = fingerprint;
        }
        foreach (var episode in update.Upserts)
        {
            foreach (var embedded in episode.Chunks)
            {
                Check(update.Space, embedded.Vector.Length);
                content._chunks.Add(embedded.Chunk);
                content._vectors.Add(new ChunkVector(embedded.Vector, Normalised: false));
            }
            foreach (var sentence in episode.Sentences)
            {
                Check(update.Space, sentence.Vector.Length);
                content.Sentences.Add(episode.EpisodeId, sentence.Text, sentence.Vector);
            }
            foreach (var word in episode.Words)
            {
                Check(update.Space, word.Vector.Length);
                content.Words.Add("", word.Text, word.Vector);
            }
            content.Episodes[episode.EpisodeId] = episode.Fingerprint;
        }
        return content;
    }

    private static void Check(EmbeddingSpace space, int length)
    {
        if (length != space.Dimensions) throw new IndexSchemaMismatchException(space, new EmbeddingSpace(space.Model, length));
    }

    /// <summary>Writes the chunk vectors, unit length, row after row as 32-bit floats (<see cref="IndexGeneration.VectorsFile"/>).</summary>
    public void WriteVectors(Stream stream)
    {
        // About 64 KiB a write, however small a row is.
        var rowsPerWrite = Math.Max(1, (1 << 16) / (sizeof(float) * Math.Max(1, _dimensions)));
        var buffer = new float[rowsPerWrite * _dimensions];
        var filled = 0;
        foreach (var (vector, normalised) in _vectors)
        {
            var target = buffer.AsSpan(filled * _dimensions, _dimensions);
            if (normalised) vector.Span.CopyTo(target);
            else VectorSearch.Normalize(vector.Span, target);
            if (++filled < rowsPerWrite) continue;
            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan()));
            filled = 0;
        }
        stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, filled * _dimensions)));
    }
}
