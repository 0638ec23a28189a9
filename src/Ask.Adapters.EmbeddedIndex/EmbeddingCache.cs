using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Ask.Core.Ingestion;
using Microsoft.Extensions.AI;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// Remembers every vector the wrapped embedder produced, on disk, keyed by model and text hash, so an
/// unchanged chunk is never embedded twice — not across re-ingests, rebuilds or stores.
/// </summary>
/// <remarks>
/// One append-only file per model: records of a 16-byte key followed by the vector. A record cut short
/// by a crash is dropped when the file is next opened.
/// </remarks>
public sealed class EmbeddingCache : DelegatingEmbeddingGenerator<string, Embedding<float>>, IEmbeddingReuse
{
    private const int KeyBytes = 16;
    private readonly string _model;
    private readonly string _directory;
    private int _dimensions;
    private string _path = "";
    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _opened;

    public EmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, string directory) : base(inner)
    {
        var metadata = inner.GetService<EmbeddingGeneratorMetadata>();
        _model = metadata?.DefaultModelId ?? throw new ArgumentException("The embedder does not report its model id.", nameof(inner));
        _dimensions = metadata.DefaultModelDimensions ?? 0;
        _directory = directory;
    }

    /// <summary>Vectors served from the cache since start.</summary>
    public int Hits { get; private set; }

    /// <summary>Vectors computed by the wrapped embedder since start.</summary>
    public int Misses { get; private set; }

    int IEmbeddingReuse.Reused => Hits;

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? values.ToList();
        int[] missing;
        UInt128[] keys;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await OpenAsync(options, cancellationToken);
            keys = texts.Select(Key).ToArray();
            missing = Enumerable.Range(0, texts.Count).Where(i => !_vectors.ContainsKey(keys[i])).ToArray();
        }
        finally
        {
            _gate.Release();
        }

        // The wrapped embedder runs outside the gate, so that ingest can embed several batches at once.
        GeneratedEmbeddings<Embedding<float>>? fresh = null;
        if (missing.Length > 0)
        {
            fresh = await base.GenerateAsync(missing.Select(i => texts[i]).ToArray(), options, cancellationToken);
            if (fresh.Count != missing.Length) throw new InvalidOperationException($"The embedder returned {fresh.Count} vectors for {missing.Length} texts.");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (fresh is not null) Append(missing.Select((i, n) => (keys[i], fresh[n].Vector.ToArray())).Where(r => !_vectors.ContainsKey(r.Item1)).ToList());
            Hits += texts.Count - missing.Length;
            Misses += missing.Length;
            var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
            foreach (var key in keys) result.Add(new Embedding<float>(_vectors[key]) { ModelId = _model });
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(_model + "\n" + text), hash);
        return MemoryMarshal.Read<UInt128>(hash[..KeyBytes]);
    }

    private async Task OpenAsync(EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        if (_opened) return;
        // Remote endpoints may not declare their vector size; it names the cache file, so learn it first.
        if (_dimensions == 0)
            _dimensions = (await base.GenerateAsync(["dimension probe"], options, cancellationToken))[0].Vector.Length;
        var safeName = string.Concat(_model.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        _path = Path.Combine(_directory, $"embeddings-{safeName}-{_dimensions}.bin");
        _opened = true;
        if (!File.Exists(_path)) return;
        var recordBytes = KeyBytes + _dimensions * sizeof(float);
        var bytes = File.ReadAllBytes(_path);
        var whole = bytes.Length / recordBytes;
        for (var r = 0; r < whole; r++)
        {
            var record = bytes.AsSpan(r * recordBytes, recordBytes);
            _vectors[MemoryMarshal.Read<UInt128>(record[..KeyBytes])] = MemoryMarshal.Cast<byte, float>(record[KeyBytes..]).ToArray();
        }
        if (whole * recordBytes != bytes.Length)
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Write);
            stream.SetLength(whole * recordBytes);
        }
    }

    private void Append(List<(UInt128 Key, float[] Vector)> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        Span<byte> key = stackalloc byte[KeyBytes];
        foreach (var (k, vector) in records)
        {
            if (vector.Length != _dimensions) throw new InvalidOperationException($"The embedder returned a {vector.Length}-dimension vector; {_model} has {_dimensions}.");
            MemoryMarshal.Write(key, in k);
            stream.Write(key);
            stream.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
            _vectors[k] = vector;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gate.Dispose();
        base.Dispose(disposing);
    }
}
