using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Ask.Core;
using Ask.Core.Chunking;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// One complete, immutable version of the index on disk: the chunks, their vectors and the lexical
/// index, loaded for searching. An ingest writes a new generation; it never modifies a served one.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    internal const string ManifestFile = "manifest.json";
    internal const string ChunksFile = "chunks.json";
    internal const string VectorsFile = "vectors.f32";
    internal const string LexicalFolder = "lexical";

    private readonly Task<TextVectorTable> _sentences;
    private readonly Task<TextVectorTable> _words;

    private IndexGeneration(string name, GenerationManifest manifest, Chunk[] chunks, float[] vectors, LexicalIndex lexical,
        Task<TextVectorTable> sentences, Task<TextVectorTable> words)
    {
        _sentences = sentences;
        _words = words;
        Name = name;
        Manifest = manifest;
        Chunks = chunks;
        Vectors = vectors;
        Quantized = QuantizedVectors.From(vectors, manifest.Dimensions);
        Lexical = lexical;
    }

    public string Name { get; }
    public GenerationManifest Manifest { get; }
    public Chunk[] Chunks { get; }
    public float[] Vectors { get; }

    /// <summary>The same vectors as 8-bit integers, which dense search scans first.</summary>
    public QuantizedVectors Quantized { get; }
    public LexicalIndex Lexical { get; }

    /// <summary>
    /// The sentence vectors, read in the background: search needs none of them, so loading the index does
    /// not wait; the first extractive answer waits for what is left. A damaged table fails that answer.
    /// </summary>
    public TextVectorTable Sentences => _sentences.IsCompletedSuccessfully ? _sentences.Result : Await(_sentences, "sentence");

    /// <summary>The word vectors, read in the background like <see cref="Sentences"/>.</summary>
    public TextVectorTable Words => _words.IsCompletedSuccessfully ? _words.Result : Await(_words, "word");

    private TextVectorTable Await(Task<TextVectorTable> table, string kind)
    {
        try
        {
            return table.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new AskException($"The {kind} vectors of index generation {Name} cannot be read: {e.Message} Re-ingest with --rebuild.", innerException: e);
        }
    }
    public EmbeddingSpace Space => new(Manifest.Model, Manifest.Dimensions);

    public ReadOnlySpan<float> VectorAt(int row) => new(Vectors, row * Manifest.Dimensions, Manifest.Dimensions);

    public static IndexGeneration Load(string folder)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), IndexJsonContext.Default.GenerationManifest)
            ?? throw new InvalidDataException($"{manifestPath} is empty.");
        if (manifest.FormatVersion is < GenerationManifest.OldestReadableFormat or > GenerationManifest.CurrentFormat)
            throw new InvalidDataException($"{manifestPath} has format {manifest.FormatVersion}; this version of Ask reads {GenerationManifest.OldestReadableFormat} to {GenerationManifest.CurrentFormat}. Re-ingest with --rebuild.");
        if (manifest.Files is { } files) Verify(folder, files);

        using var chunkStream = File.OpenRead(Path.Combine(folder, ChunksFile));
        var records = JsonSerializer.Deserialize(chunkStream, IndexJsonContext.Default.ChunkRecordArray) ?? [];
        var chunks = records.Select(r => r.ToChunk()).ToArray();

        var bytes = File.ReadAllBytes(Path.Combine(folder, VectorsFile));
        var vectors = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        if (chunks.Length != manifest.ChunkCount || vectors.Length != chunks.Length * manifest.Dimensions)
            throw new InvalidDataException($"Index generation {folder} is inconsistent: manifest says {manifest.ChunkCount} chunks, found {chunks.Length} chunks and {vectors.Length / Math.Max(1, manifest.Dimensions)} vectors.");

        return new IndexGeneration(Path.GetFileName(folder), manifest, chunks, vectors, LexicalIndex.Open(Path.Combine(folder, LexicalFolder)),
            Task.Run(() => TextVectorTable.Load(folder, TextVectorTable.SentencesFile, manifest.Dimensions)),
            Task.Run(() => TextVectorTable.Load(folder, TextVectorTable.WordsFile, manifest.Dimensions)));
    }

    /// <summary>
    /// Checks that every file the manifest lists is there with its size, and — except the sentence and
    /// word tables, which are read in the background and check their own structure — its SHA-256: a
    /// damaged generation is refused whole rather than served in part.
    /// </summary>
    private static void Verify(string folder, Dictionary<string, GenerationFile> files)
    {
        foreach (var (relative, expected) in files)
        {
            var path = Path.Combine(folder, relative);
            var info = new FileInfo(path);
            if (!info.Exists) throw new InvalidDataException($"{path} is missing.");
            if (info.Length != expected.Size) throw new InvalidDataException($"{path} has {info.Length} bytes; the manifest says {expected.Size}.");
            if (relative is TextVectorTable.SentencesFile or TextVectorTable.WordsFile) continue;
            if (Sha256Of(path) != expected.Sha256) throw new InvalidDataException($"{path} does not match its checksum in the manifest.");
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Dictionary<string, GenerationFile> Describe(string folder) =>
        System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'),
                path => new GenerationFile(new FileInfo(path).Length, Sha256Of(path)),
                StringComparer.Ordinal);

    /// <summary>
    /// Writes a complete generation into <paramref name="folder"/> (which must not exist yet) and flushes
    /// it to disk. The manifest is written last: a folder without one is an aborted write.
    /// </summary>
    public static void Write(string folder, EmbeddingSpace space, GenerationContent content, DateTimeOffset now, Func<string, Stream> createFile)
    {
        System.IO.Directory.CreateDirectory(folder);
        using (var stream = createFile(Path.Combine(folder, ChunksFile)))
            WriteChunks(stream, content.Chunks);
        IngestCrashPoint.Pass("write");
        using (var stream = createFile(Path.Combine(folder, VectorsFile)))
            content.WriteVectors(stream);
        IngestCrashPoint.Pass("write");
        foreach (var (table, file) in new[] { (content.Sentences, TextVectorTable.SentencesFile), (content.Words, TextVectorTable.WordsFile) })
        {
            if (table.Count == 0) continue;
            using var stream = createFile(Path.Combine(folder, file));
            table.Write(stream);
            IngestCrashPoint.Pass("write");
        }
        LexicalIndex.Build(Path.Combine(folder, LexicalFolder), content.Chunks);
        IngestCrashPoint.Pass("write");
        var manifest = new GenerationManifest(GenerationManifest.CurrentFormat, space.Model, space.Dimensions, content.Chunks.Count, now, content.Episodes, Describe(folder));
        using (var stream = createFile(Path.Combine(folder, ManifestFile)))
            JsonSerializer.Serialize(stream, manifest, IndexJsonContext.Default.GenerationManifest);
        IngestCrashPoint.Pass("write");
        // Every file and the folder itself reach the disk before the caller renames the folder and
        // switches CURRENT to it: otherwise a power loss could leave CURRENT naming empty files.
        DiskFlush.Tree(folder);
        IngestCrashPoint.Pass("flushed");
    }

    /// <summary>
    /// Writes <see cref="ChunksFile"/>: the same bytes as serializing the array of records at once, but one record
    /// at a time, so that the records of a whole archive (and their serialized text) are never all in memory.
    /// </summary>
    private static void WriteChunks(Stream stream, IReadOnlyList<Chunk> chunks)
    {
        var options = IndexJsonContext.Default.Options;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        writer.WriteStartArray();
        foreach (var chunk in chunks)
        {
            JsonSerializer.Serialize(writer, ChunkRecord.From(chunk), IndexJsonContext.Default.ChunkRecord);
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.Flush();
    }

    public void Dispose() => Lexical.Dispose();
}
