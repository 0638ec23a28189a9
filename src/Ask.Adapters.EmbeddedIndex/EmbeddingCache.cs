using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Ask.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// Remembers every vector the wrapped embedder produced, on disk, keyed by model and text hash, so an
/// unchanged chunk is never embedded twice — not across re-ingests, rebuilds or stores.
/// </summary>
/// <remarks>
/// One append-only file per model (<see cref="CacheFile"/>): a header with the format version, then
/// records that each carry a checksum. A record that does not match its checksum — cut short by a crash,
/// torn, or damaged on disk — is skipped and its text embedded again; it is never served. Appends happen
/// only inside an ingest, which holds the data folder's <see cref="DataFolderLock"/>, so two processes
/// never append at once.
/// </remarks>
public sealed partial class EmbeddingCache : DelegatingEmbeddingGenerator<string, Embedding<float>>, IEmbeddingReuse
{
    private readonly string _model;
    private readonly string _directory;
    private readonly ILogger _logger;
    private int _dimensions;
    private CacheFile? _file;
    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public EmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, string directory, ILogger<EmbeddingCache>? logger = null) : base(inner)
    {
        var metadata = inner.GetService<EmbeddingGeneratorMetadata>();
        _model = metadata?.DefaultModelId ?? throw new ArgumentException("The embedder does not report its model id.", nameof(inner));
        _dimensions = metadata.DefaultModelDimensions ?? 0;
        _directory = directory;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
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
        CacheFile file;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            file = await OpenAsync(options, cancellationToken);
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
            if (fresh is not null)
            {
                var records = missing.Select((i, n) => (Key: keys[i], Vector: fresh[n].Vector.ToArray())).Where(r => !_vectors.ContainsKey(r.Key)).ToList();
                foreach (var (_, vector) in records)
                    if (vector.Length != _dimensions) throw new InvalidOperationException($"The embedder returned a {vector.Length}-dimension vector; {_model} has {_dimensions}.");
                file.Append(records);
                foreach (var (key, vector) in records) _vectors[key] = vector;
            }
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
        return MemoryMarshal.Read<UInt128>(hash[..16]);
    }

    private async Task<CacheFile> OpenAsync(EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        if (_file is not null) return _file;
        // Remote endpoints may not declare their vector size; it names the cache file, so learn it first.
        if (_dimensions == 0)
            _dimensions = (await base.GenerateAsync(["dimension probe"], options, cancellationToken))[0].Vector.Length;
        var safeName = string.Concat(_model.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var file = new CacheFile(Path.Combine(_directory, $"embeddings-{safeName}-{_dimensions}.bin"), _dimensions);
        var read = file.Read(_vectors);
        if (read.OlderFormat) LogOlderFormat(_logger, file.Path);
        if (read.Damaged > 0) LogDamaged(_logger, read.Damaged, file.Path);
        return _file = file;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gate.Dispose();
        base.Dispose(disposing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedding cache {Path} is in an older format without checksums; it is started afresh and its texts are embedded again once.")]
    private static partial void LogOlderFormat(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Count} damaged or torn record(s) of the embedding cache {Path}; their texts are embedded again.")]
    private static partial void LogDamaged(ILogger logger, int count, string path);
}
