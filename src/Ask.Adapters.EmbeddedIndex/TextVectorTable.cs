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
    /// <remarks>Keys, episodes and vectors are each one block on disk, read straight into their arrays.</remarks>
    public static TextVectorTable Load(string folder, string fileName, int dimensions)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path)) return Empty;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
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

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(_dimensions);
        writer.Write(_keys.Length);
        writer.Write(_episodeIds.Length);
        foreach (var id in _episodeIds) writer.Write(id);
        writer.Write(MemoryMarshal.AsBytes(_keys.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_episodes.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_vectors.AsSpan()));
    }

    /// <summary>Collects the rows of a new generation: kept rows of the previous one, then new texts.</summary>
    /// <param name="once">Keep one row per text (words), not one per text and episode (sentences).</param>
    public sealed class Builder(int dimensions, bool once = false)
    {
        private readonly HashSet<ulong> _seen = [];
        private readonly List<ulong> _keys = [];
        private readonly List<int> _episodes = [];
        private readonly List<sbyte> _vectors = [];
        private readonly Dictionary<string, int> _episodeIndex = new(StringComparer.Ordinal);

        /// <summary>Copies every row of <paramref name="table"/> whose episode <paramref name="keep"/> accepts, unchanged.</summary>
        public void AddRowsOf(TextVectorTable table, Func<string, bool> keep)
        {
            if (table.Count == 0) return;
            for (var row = 0; row < table._keys.Length; row++)
            {
                var episode = table._episodeIds[table._episodes[row]];
                if (!keep(episode)) continue;
                Add(table._keys[row], episode, table._vectors.AsSpan(row * table._dimensions, table._dimensions));
            }
        }

        public void Add(string episodeId, string text, ReadOnlySpan<float> vector)
        {
            if (vector.Length != dimensions) throw new ArgumentException($"A {vector.Length}-dimension text vector in a {dimensions}-dimension index.", nameof(vector));
            var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
            var factor = largest > 0 ? 127f / largest : 0f;
            Span<sbyte> quantized = vector.Length <= 4096 ? stackalloc sbyte[vector.Length] : new sbyte[vector.Length];
            for (var i = 0; i < vector.Length; i++) quantized[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * factor), -127, 127);
            Add(TextHash.Fnv1a64(text), episodeId, quantized);
        }

        private void Add(ulong key, string episodeId, ReadOnlySpan<sbyte> vector)
        {
            if (once && !_seen.Add(key)) return;
            if (!_episodeIndex.TryGetValue(episodeId, out var episode)) _episodeIndex[episodeId] = episode = _episodeIndex.Count;
            _keys.Add(key);
            _episodes.Add(episode);
            _vectors.AddRange(vector);
        }

        public TextVectorTable Build() =>
            new(dimensions, [.. _keys], [.. _episodes], [.. _vectors],
                _episodeIndex.OrderBy(e => e.Value).Select(e => e.Key).ToArray());
    }
}
