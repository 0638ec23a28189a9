using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using Ask.Core;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// Short texts of a generation and their vectors, found by the hash of the text (<see cref="TextHash"/>):
/// the quotable sentences (<see cref="SentencesFile"/>, by episode) and the words of the transcripts
/// (<see cref="WordsFile"/>, each once). Vectors are kept as 8-bit integers, each scaled so its largest component is ±127: a quarter of the
/// memory of floats, and a cosine similarity off by about 0.002, far below the margins the answerer
/// decides with. Cosine similarity ignores the scale, so none is stored.
/// </summary>
internal sealed class TextVectorTable
{
    internal const string SentencesFile = "sentences.i8";
    internal const string WordsFile = "words.i8";
    private const int Magic = 0x534B5341; // "ASKS"
    private const int Version = 2;

    public static readonly TextVectorTable Empty = new(0, [], [], [], []);

    private readonly int _dimensions;
    private readonly ulong[] _keys;
    private readonly int[] _episodes;
    private readonly sbyte[] _vectors;
    private readonly string[] _episodeIds;
    private readonly Dictionary<ulong, int> _rowOf;

    private TextVectorTable(int dimensions, ulong[] keys, int[] episodes, sbyte[] vectors, string[] episodeIds)
    {
        _dimensions = dimensions;
        _keys = keys;
        _episodes = episodes;
        _vectors = vectors;
        _episodeIds = episodeIds;
        _rowOf = new Dictionary<ulong, int>(keys.Length);
        // The same sentence said in two episodes has one vector; the first row answers for both.
        for (var row = 0; row < keys.Length; row++) _rowOf.TryAdd(keys[row], row);
    }

    public int Count => _keys.Length;

    public double? Similarity(string text, ReadOnlySpan<float> query)
    {
        if (query.Length != _dimensions || !_rowOf.TryGetValue(TextHash.Fnv1a64(text), out var row)) return null;
        var rented = _dimensions > 1024 ? ArrayPool<float>.Shared.Rent(_dimensions) : null;
        var vector = rented is null ? stackalloc float[_dimensions] : rented.AsSpan(0, _dimensions);
        var stored = _vectors.AsSpan(row * _dimensions, _dimensions);
        for (var i = 0; i < stored.Length; i++) vector[i] = stored[i];
        var similarity = TensorPrimitives.CosineSimilarity(query, vector);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return similarity;
    }

    /// <summary>
    /// The stored vector of <paramref name="text"/> as floats (the 8-bit components, unscaled), or null when it has
    /// none. For tools that copy an index without embedding; cosine similarity ignores the scale.
    /// </summary>
    internal float[]? VectorOf(string text)
    {
        if (!_rowOf.TryGetValue(TextHash.Fnv1a64(text), out var row)) return null;
        var vector = new float[_dimensions];
        var stored = _vectors.AsSpan(row * _dimensions, _dimensions);
        for (var i = 0; i < stored.Length; i++) vector[i] = stored[i];
        return vector;
    }

    /// <summary>Reads a table of a generation folder; a generation written before such vectors existed has none.</summary>
    public static TextVectorTable Load(string folder, string fileName, int dimensions)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path)) return Empty;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path, dimensions);
    }

    /// <summary>Reads a table written by <see cref="Rows.Write"/>; <paramref name="path"/> names it in errors.</summary>
    /// <remarks>Keys, episodes and vectors are each one block on disk, read straight into their arrays.</remarks>
    internal static TextVectorTable Read(Stream stream, string path, int dimensions)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            throw new InvalidDataException($"{path} is not a vector table this version of Ask reads.");
        var dims = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dims != dimensions) throw new InvalidDataException($"{path} holds {dims}-dimension vectors; the generation has {dimensions}.");
        var episodeIds = new string[reader.ReadInt32()];
        for (var i = 0; i < episodeIds.Length; i++) episodeIds[i] = reader.ReadString();
        var keys = new ulong[count];
        var episodes = new int[count];
        var vectors = new sbyte[(long)count * dims];
        stream.ReadExactly(MemoryMarshal.AsBytes(keys.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(episodes.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        if (stream.Position != stream.Length) throw new InvalidDataException($"{path} has bytes past its {count} texts.");
        foreach (var episode in episodes)
            if ((uint)episode >= (uint)episodeIds.Length) throw new InvalidDataException($"{path}: a text names episode {episode} of {episodeIds.Length}.");
        return new TextVectorTable(dims, keys, episodes, vectors, episodeIds);
    }

    /// <summary>
    /// Writes <paramref name="vector"/> as integers with its largest component at ±127. Cosine similarity ignores
    /// the scale, so none is kept.
    /// </summary>
    internal static void Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        var factor = largest > 0 ? 127f / largest : 0f;
        for (var i = 0; i < vector.Length; i++) codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * factor), -127, 127);
    }

    /// <summary>
    /// The rows of a new generation's table — kept rows of the previous one, then new texts — as references to
    /// where their vectors already are. <see cref="Write"/> quantizes the new ones a row at a time on their way to
    /// the file, so a whole archive's table is never held a second time while it is written.
    /// </summary>
    /// <param name="once">Keep one row per text (words), not one per text and episode (sentences).</param>
    public sealed class Rows(int dimensions, bool once = false)
    {
        private readonly HashSet<ulong> _seen = [];
        private readonly List<ulong> _keys = [];
        private readonly List<int> _episodes = [];
        private readonly List<Source> _sources = [];
        private readonly Dictionary<string, int> _episodeIndex = new(StringComparer.Ordinal);

        /// <summary>Where a row's vector is: a row of a previous table (already 8-bit), or floats not yet quantized.</summary>
        private readonly record struct Source(TextVectorTable? Table, int Row, ReadOnlyMemory<float> Vector);

        public int Count => _keys.Count;

        /// <summary>Takes every row of <paramref name="table"/> whose episode <paramref name="keep"/> accepts, unchanged.</summary>
        public void AddRowsOf(TextVectorTable table, Func<string, bool> keep)
        {
            if (table.Count == 0) return;
            for (var row = 0; row < table._keys.Length; row++)
            {
                var episode = table._episodeIds[table._episodes[row]];
                if (!keep(episode)) continue;
                Add(table._keys[row], episode, new Source(table, row, default));
            }
        }

        /// <summary>Adds a text; <paramref name="vector"/> is read again when the table is written, so it must not change until then.</summary>
        public void Add(string episodeId, string text, ReadOnlyMemory<float> vector)
        {
            if (vector.Length != dimensions) throw new ArgumentException($"A {vector.Length}-dimension text vector in a {dimensions}-dimension index.", nameof(vector));
            Add(TextHash.Fnv1a64(text), episodeId, new Source(null, 0, vector));
        }

        private void Add(ulong key, string episodeId, Source source)
        {
            if (once && !_seen.Add(key)) return;
            if (!_episodeIndex.TryGetValue(episodeId, out var episode)) _episodeIndex[episodeId] = episode = _episodeIndex.Count;
            _keys.Add(key);
            _episodes.Add(episode);
            _sources.Add(source);
        }

        /// <summary>Writes the table: a header, the keys and episodes (each one block), then the vectors row by row.</summary>
        public void Write(Stream stream)
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(dimensions);
            writer.Write(_keys.Count);
            writer.Write(_episodeIndex.Count);
            foreach (var id in _episodeIndex.OrderBy(e => e.Value).Select(e => e.Key)) writer.Write(id);
            writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_keys)));
            writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(_episodes)));
            // Rows go out through a buffer of about 64 KiB, so the file gets large writes however small a row is.
            var rowsPerWrite = Math.Max(1, (1 << 16) / Math.Max(1, dimensions));
            var buffer = new sbyte[rowsPerWrite * dimensions];
            var filled = 0;
            foreach (var source in _sources)
            {
                var target = buffer.AsSpan(filled * dimensions, dimensions);
                if (source.Table is { } table) table._vectors.AsSpan(source.Row * dimensions, dimensions).CopyTo(target);
                else Quantize(source.Vector.Span, target);
                if (++filled < rowsPerWrite) continue;
                writer.Write(MemoryMarshal.AsBytes(buffer.AsSpan()));
                filled = 0;
            }
            writer.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, filled * dimensions)));
        }
    }
}
