using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// The default index: everything in the process and on local disk, no server. Cosine search over all
/// vectors (an 8-bit scan, then exact scores for its shortlist: <see cref="QuantizedVectors"/>) and BM25
/// through Lucene.
/// </summary>
/// <remarks>
/// Layout of <see cref="EmbeddedIndexOptions.Directory"/>: one folder per generation and a
/// <c>CURRENT</c> file naming the one being served. An ingest writes a whole new generation into a
/// <c>.tmp</c> folder, flushes it to disk, renames it, then replaces <c>CURRENT</c> atomically (rename
/// and a flush of the folder); a crash or power loss at any point leaves the previous generation serving,
/// and leftovers are removed by the next ingest. The generation served before the switch stays on disk
/// until the next ingest succeeds: when the current one cannot be read, it is served instead (with an error
/// logged), so a damaged generation never leaves nothing to serve.
/// </remarks>
public sealed partial class EmbeddedChunkIndex : IChunkIndex, ISentenceVectors, IWordVectors, IArchiveVocabulary, IDisposable
{
    internal const string CurrentFile = "CURRENT";
    private const string TempSuffix = ".tmp";
    private const string LockFile = ".lock";

    private readonly EmbeddedIndexOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _loadGate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private IndexGeneration? _current;
    private bool _loaded;
    /// <summary>A generation CURRENT named that could not be read; not tried again until CURRENT changes.</summary>
    private string? _unreadable;
    private long _nextReloadCheck;

    /// <param name="time">Names generations and paces the checks for a generation another process switched to.</param>
    public EmbeddedChunkIndex(EmbeddedIndexOptions options, TimeProvider time, ILogger<EmbeddedChunkIndex>? logger = null)
    {
        if (string.IsNullOrWhiteSpace(options.Directory)) throw new ArgumentException("EmbeddedIndexOptions.Directory is required.", nameof(options));
        _options = options;
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string Name => "embedded";

    /// <summary>Creates files of a generation; tests replace it to simulate a disk that fails mid-write.</summary>
    internal Func<string, Stream> CreateFile { get; set; } = path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    public Task<IReadOnlyDictionary<string, string>> GetEpisodeFingerprintsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Current()?.Manifest.Episodes ?? new Dictionary<string, string>());

    public Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Current()?.Space);

    public Task<IReadOnlyList<EpisodeSummary>> ListEpisodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EpisodeSummary>>((Current()?.Chunks ?? [])
            .GroupBy(c => c.EpisodeId, StringComparer.Ordinal)
            .Select(g => new EpisodeSummary(g.Key, g.First().EpisodeTitle, g.First().Guests, g.First().Season, g.First().EpisodeNumber,
                g.First().YouTubeId, g.Count(), g.Max(c => c.EndSec))
            {
                Podcast = g.First().Podcast,
                AudioUrl = g.First().AudioUrl,
                PageUrl = g.First().PageUrl,
            })
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList());

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)(Current()?.Chunks.Length ?? 0));

    public bool KeepsSentenceVectors => true;

    /// <remarks>
    /// Served from the current generation's 8-bit rows (<see cref="TextVectorTable.VectorOf"/>): a row read back as
    /// floats has its largest component at ±127, so quantizing it again gives the same bytes, and a generation written
    /// with reused vectors is the one the original vectors would have given. Texts match by the same 64-bit hash the
    /// answerer's look-ups use.
    /// </remarks>
    public Task<IReadOnlyDictionary<string, ReadOnlyMemory<float>>> GetStoredTextVectorsAsync(IReadOnlyCollection<string> texts, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        if (Current() is not { } generation) return Task.FromResult<IReadOnlyDictionary<string, ReadOnlyMemory<float>>>(found);
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((generation.Sentences.VectorOf(text) ?? generation.Words.VectorOf(text)) is { } vector) found[text] = vector;
        }
        return Task.FromResult<IReadOnlyDictionary<string, ReadOnlyMemory<float>>>(found);
    }

    public double? Similarity(string sentence, ReadOnlySpan<float> query) => Current()?.Sentences.Similarity(sentence, query);

    public double? WordSimilarity(string word, ReadOnlySpan<float> vector) => Current()?.Words.Similarity(word, vector);

    public IReadOnlyList<string> UnknownWords(string text) => Current()?.Lexical.UnknownWords(text) ?? [];

    public Task<IReadOnlyList<ScoredChunk>> SearchDenseAsync(ReadOnlyMemory<float> queryVector, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        var generation = Current();
        if (generation is null) return Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        if (queryVector.Length != generation.Manifest.Dimensions)
            throw new IndexSchemaMismatchException(generation.Space, new EmbeddingSpace("query", queryVector.Length));
        var query = VectorSearch.Normalize(queryVector.Span);
        Func<int, bool>? include = filter.IsEmpty ? null : row => filter.Matches(generation.Chunks[row]);
        var top = generation.Quantized.TopK(query, limit, include);
        return Task.FromResult<IReadOnlyList<ScoredChunk>>(top.Select(t => new ScoredChunk(generation.Chunks[t.Row], t.Score)).ToList());
    }

    public Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        var generation = Current();
        if (generation is null) return Task.FromResult<IReadOnlyList<ScoredChunk>>([]);
        var hits = generation.Lexical.Search(query, limit, filter);
        return Task.FromResult<IReadOnlyList<ScoredChunk>>(hits.Select(h => new ScoredChunk(generation.Chunks[h.Row], h.Score)).ToList());
    }

    public async Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(_options.Directory);
            using var processLock = AcquireWriteLock() ?? throw new AskException(
                $"Another ingest is writing the index in {_options.Directory}; try again when it has finished.", isTransient: true);
            RemoveLeftovers();
            // A rebuild reads nothing of the old index, so it also repairs one that cannot be read at all.
            var previous = update.Rebuild ? null : Load();
            if (!update.Rebuild && previous is not null && previous.Space != update.Space)
                throw new IndexSchemaMismatchException(previous.Space, update.Space);
            var servedBefore = previous?.Name ?? ReadCurrentName();

            var content = GenerationContent.Merge(previous, update);
            var name = $"gen-{_time.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";
            var temp = Path.Combine(_options.Directory, name + TempSuffix);
            var final = Path.Combine(_options.Directory, name);
            try
            {
                await Task.Run(() => IndexGeneration.Write(temp, update.Space, content, _time.GetUtcNow(), CreateFile), cancellationToken);
                Directory.Move(temp, final);
                IngestCrashPoint.Pass("switch");
                SwitchCurrent(name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                RemoveUnswitched(temp, final, name);
                throw new AskException($"Could not write a new index generation in {_options.Directory}: {e.Message} The previous index is unchanged and still serves.", innerException: e);
            }
            catch
            {
                RemoveUnswitched(temp, final, name);
                throw;
            }
            LogSwitched(_logger, name, content.Chunks.Count);
            // Loaded by its first reader rather than here: the caller still holds the update's vectors, and
            // reading the new generation beside them would put both in memory at once.
            Interlocked.Exchange(ref _nextReloadCheck, long.MinValue);
            // The generation served until now stays as the fallback until the next ingest succeeds.
            RemoveOldGenerations(keep: [name, servedBefore]);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private IndexGeneration? Current()
    {
        var now = _time.GetTimestamp();
        if (!_loaded || now >= Interlocked.Read(ref _nextReloadCheck)) return Load();
        return _current;
    }

    /// <summary>
    /// Loads the generation CURRENT names, if it is not the one already loaded. When it cannot be read, a
    /// process already serving keeps its generation; one that has none yet serves the newest older
    /// generation that can be read. Either way it logs an error saying so.
    /// </summary>
    private IndexGeneration? Load()
    {
        lock (_loadGate)
        {
            Interlocked.Exchange(ref _nextReloadCheck, _time.GetTimestamp() + (long)(_options.ReloadCheckInterval.TotalSeconds * _time.TimestampFrequency));
            var name = ReadCurrentName();
            if (_loaded && (name == _current?.Name || (name is not null && name == _unreadable))) return _current;
            if (!_loaded) RemoveLeftoversIfNoIngestRuns();
            if (name is null)
            {
                (_current, _loaded) = (null, true);
                return null;
            }
            var folder = Path.Combine(_options.Directory, name);
            if (TryLoad(folder, out var next, out var error))
            {
                // The old generation is not disposed here: a search may still be reading it. Lucene's
                // reader holds only file handles, which the runtime finalises.
                (_current, _loaded, _unreadable) = (next, true, null);
                LogLoaded(_logger, name, next!.Chunks.Length);
                return next;
            }
            if (_loaded && _current is not null)
            {
                _unreadable = name;
                LogKeptServing(_logger, name, error!, _current.Name);
                return _current;
            }
            foreach (var older in OlderGenerations(than: name))
            {
                if (!TryLoad(older, out var fallback, out _)) continue;
                (_current, _loaded, _unreadable) = (fallback, true, name);
                LogServingPrevious(_logger, name, error!, fallback!.Name);
                return fallback;
            }
            throw new AskException($"The embedded index at {folder} cannot be read: {error} Re-ingest with --rebuild.");
        }
    }

    private static bool TryLoad(string folder, out IndexGeneration? generation, out string? error)
    {
        try
        {
            (generation, error) = (IndexGeneration.Load(folder), null);
            return true;
        }
        // IOException includes Lucene's CorruptIndexException; ArgumentException a span or count a damaged file got wrong.
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException or ArgumentException)
        {
            (generation, error) = (null, e.Message);
            return false;
        }
    }

    /// <summary>Complete generations named before <paramref name="than"/>, newest first; names start with their UTC time.</summary>
    private IEnumerable<string> OlderGenerations(string than) =>
        Directory.EnumerateDirectories(_options.Directory, "gen-*")
            .Where(dir => !dir.EndsWith(TempSuffix, StringComparison.Ordinal) && string.CompareOrdinal(Path.GetFileName(dir), than) < 0)
            .OrderByDescending(dir => Path.GetFileName(dir), StringComparer.Ordinal);

    private string? ReadCurrentName()
    {
        var path = Path.Combine(_options.Directory, CurrentFile);
        if (!File.Exists(path)) return null;
        var name = File.ReadAllText(path).Trim();
        return name.Length == 0 ? null : name;
    }

    private void SwitchCurrent(string name)
    {
        var path = Path.Combine(_options.Directory, CurrentFile);
        var temp = path + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(name));
            stream.Flush(flushToDisk: true);
        }
        // The renamed generation folder must be on disk before CURRENT can name it.
        DiskFlush.Directory(_options.Directory);
        IngestCrashPoint.Pass("switch");
        // rename(2) replaces the target atomically: readers see the old name or the new one.
        File.Move(temp, path, overwrite: true);
        IngestCrashPoint.Pass("switch");
        // And the rename itself, so that after a power loss CURRENT does not name the generation before.
        DiskFlush.Directory(_options.Directory);
        IngestCrashPoint.Pass("switch");
    }

    /// <summary>
    /// Guards the index against a second writer in another process (or another instance here): an
    /// exclusive lock on <c>.lock</c>, which the OS releases when the process dies, so a killed ingest
    /// never leaves it held. The file itself stays: deleting it on close would let two writers lock two
    /// different files of the same name. Null when another writer holds it.
    /// </summary>
    private FileStream? AcquireWriteLock()
    {
        try
        {
            return new FileStream(Path.Combine(_options.Directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException) when (Directory.Exists(_options.Directory))
        {
            return null;
        }
    }

    /// <summary>
    /// On first load, removes what a killed ingest left behind — but only when no ingest is running, whose
    /// <c>.tmp</c> folder it would otherwise delete from under it.
    /// </summary>
    private void RemoveLeftoversIfNoIngestRuns()
    {
        if (!Directory.Exists(_options.Directory)) return;
        using var writeLock = AcquireWriteLock();
        if (writeLock is not null) RemoveLeftovers();
    }

    /// <summary>Removes what an interrupted ingest left behind: <c>.tmp</c> folders and files. Only with the write lock held.</summary>
    private void RemoveLeftovers()
    {
        if (!Directory.Exists(_options.Directory)) return;
        foreach (var dir in Directory.EnumerateDirectories(_options.Directory, "*" + TempSuffix)) TryDelete(dir);
        foreach (var file in Directory.EnumerateFiles(_options.Directory, "*" + TempSuffix))
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }

    /// <summary>Removes a generation that failed on its way in — unless CURRENT already names it (a failure after the rename).</summary>
    private void RemoveUnswitched(string temp, string final, string name)
    {
        TryDelete(temp);
        if (ReadCurrentNameOrNull() != name) TryDelete(final);
    }

    private string? ReadCurrentNameOrNull()
    {
        try { return ReadCurrentName(); }
        catch (IOException) { return null; }
    }

    private void RemoveOldGenerations(string?[] keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(_options.Directory, "gen-*"))
        {
            if (keep.Contains(Path.GetFileName(dir))) continue;
            TryDelete(dir);
            IngestCrashPoint.Pass("cleanup");
        }
    }

    private void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, dir, e.Message);
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _writeGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded index switched to {Generation} ({Chunks} chunks)")]
    private static partial void LogSwitched(ILogger logger, string generation, int chunks);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Embedded index loaded {Generation} ({Chunks} chunks)")]
    private static partial void LogLoaded(ILogger logger, string generation, int chunks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Index generation {Generation} cannot be read ({Reason}); still serving {Serving}. Re-ingest (--rebuild if it keeps failing) to replace it.")]
    private static partial void LogKeptServing(ILogger logger, string generation, string reason, string serving);

    [LoggerMessage(Level = LogLevel.Error, Message = "Index generation {Generation} cannot be read ({Reason}); serving the previous generation {Previous} instead. Re-ingest (--rebuild if it keeps failing) to replace it.")]
    private static partial void LogServingPrevious(ILogger logger, string generation, string reason, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove {Path}: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string path, string reason);
}
