using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// Downloads a .tar.gz or .zip of episode files (for example the site repository's archive) and extracts
/// it under a cache folder. The archive is written and extracted under temporary names and renamed into
/// place only when complete, so a failed or cancelled download leaves the previous copy intact and
/// nothing half-written. Downloads and extractions are capped (see <see cref="EpisodeReaderOptions"/>);
/// temporary files a killed run left behind are removed by the next download.
/// </summary>
public sealed class ArchiveSource
{
    // The site repository keeps its episode files here; ingesting the rest of the site would only add noise.
    private const string PodcastFolder = "_podcast";
    private const int BufferSize = 81920;

    // A temporary file this old belongs to a run that was killed: an active download writes every few
    // seconds (or gives up after the idle timeout), so it never gets near this age.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly EpisodeReaderOptions _options;

    /// <param name="time">Times the idle timeout and tells a stale temporary file from a live one.</param>
    public ArchiveSource(HttpClient http, TimeProvider time, EpisodeReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _time = time;
        _options = options ?? new EpisodeReaderOptions();
    }

    /// <summary>Downloads and extracts <paramref name="url"/>, returning the folder to ingest.</summary>
    /// <returns>The <c>_podcast/</c> folder when the archive has one, else the extracted root.</returns>
    public async Task<string> DownloadAsync(Uri url, string cacheFolder, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new AskException($"Only http(s) archive URLs can be downloaded, not '{url}'.");

        Directory.CreateDirectory(cacheFolder);
        RemoveStaleTemporaries(cacheFolder, _time.GetUtcNow());
        var target = Path.Combine(Path.GetFullPath(cacheFolder), FolderName(url));
        var token = Guid.NewGuid().ToString("N")[..12];
        var download = Path.Combine(cacheFolder, $".download-{token}.tmp");
        var staging = Path.Combine(cacheFolder, $".extract-{token}");
        try
        {
            await DownloadToFileAsync(url, download, progress, cancellationToken);
            var kind = await DetectAsync(download, url, cancellationToken);
            await ArchiveExtractor.ExtractAsync(download, kind, staging, ArchiveLimits.From(_options), cancellationToken);
            Replace(target, staging);
        }
        finally
        {
            File.Delete(download);
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return FolderToIngest(target);
    }

    private async Task DownloadToFileAsync(Uri url, string path, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            // A server that accepts the connection and never answers is stalled too.
            using var idle = new CancellationTokenSource(_options.DownloadIdleTimeout, _time);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, answer.Token);
        }
        catch (HttpRequestException e)
        {
            throw new AskException($"Could not download {url}: {e.Message}", isTransient: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AskException($"Downloading {url} timed out: no answer within {_options.DownloadIdleTimeout.TotalSeconds:0.#} s (Episodes:DownloadIdleTimeout) or the client's timeout.", isTransient: true, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                throw new AskException($"Downloading {url} failed: HTTP {code} {response.ReasonPhrase}.",
                    isTransient: code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            }
            var total = response.Content.Headers.ContentLength;
            if (total > _options.MaxDownloadBytes) throw TooLarge(url, total.Value);
            progress?.Report(new DownloadProgress(0, total));
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                var buffer = new byte[BufferSize];
                long received = 0;
                int read;
                while ((read = await ReadWithIdleTimeoutAsync(body, buffer, url, cancellationToken)) > 0)
                {
                    received += read;
                    if (received > _options.MaxDownloadBytes) throw TooLarge(url, received);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    progress?.Report(new DownloadProgress(received, total));
                }
                if (total is { } expected && received != expected)
                    throw new AskException($"Downloading {url} stopped after {received} of {expected} bytes.", isTransient: true);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw new AskException($"Downloading {url} broke off: {e.Message}", isTransient: true, e);
            }
        }
    }

    /// <summary>One read that gives up when the server sends nothing for the idle timeout (a stalled server
    /// would otherwise hold the ingest for the HttpClient's whole timeout, or forever without one).</summary>
    private async Task<int> ReadWithIdleTimeoutAsync(Stream body, byte[] buffer, Uri url, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(_options.DownloadIdleTimeout, _time);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await body.ReadAsync(buffer, read.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AskException($"Downloading {url} stalled: no data for {_options.DownloadIdleTimeout.TotalSeconds:0.#} s (Episodes:DownloadIdleTimeout).", isTransient: true, e);
        }
    }

    private AskException TooLarge(Uri url, long size) =>
        new($"Downloading {url} was stopped: {size:N0} bytes is over the {_options.MaxDownloadBytes:N0}-byte cap (Episodes:MaxDownloadBytes).");

    /// <summary>Removes downloads, extractions and replaced copies that a killed run left in the cache folder.</summary>
    internal static void RemoveStaleTemporaries(string cacheFolder, DateTimeOffset now)
    {
        var cutoff = (now - StaleAfter).UtcDateTime;
        foreach (var entry in new DirectoryInfo(cacheFolder).EnumerateFileSystemInfos())
        {
            if (!(entry.Name.StartsWith(".download-", StringComparison.Ordinal) || entry.Name.StartsWith(".extract-", StringComparison.Ordinal) || entry.Name.Contains(".old-", StringComparison.Ordinal))) continue;
            if (entry.LastWriteTimeUtc > cutoff) continue;
            try
            {
                if (entry is DirectoryInfo folder) folder.Delete(recursive: true);
                else entry.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another run may be removing it at the same moment; the next download tries again.
            }
        }
    }

    private static async Task<ArchiveKind> DetectAsync(string path, Uri url, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        int read;
        await using (var file = File.OpenRead(path)) read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var kind = ArchiveKinds.Detect(head.AsSpan(0, read));
        if (kind == ArchiveKind.Unknown)
            throw new AskException(read == 0
                ? $"{url} returned an empty body, not an archive."
                : $"{url} is not a .tar.gz or .zip archive (it starts with bytes {Convert.ToHexString(head, 0, read)}).");
        return kind;
    }

    private static void Replace(string target, string staging)
    {
        if (Directory.Exists(target))
        {
            // Move the old copy aside first, so the target name is never left pointing at a half-deleted tree.
            var old = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
            Directory.Move(target, old);
            Directory.Move(staging, target);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(staging, target);
        }
    }

    /// <summary>The <c>_podcast/</c> folder at the root or one level down (GitHub wraps archives in <c>repo-ref/</c>).</summary>
    internal static string FolderToIngest(string root)
    {
        var direct = Path.Combine(root, PodcastFolder);
        if (Directory.Exists(direct)) return direct;
        var children = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList();
        foreach (var child in children)
        {
            var nested = Path.Combine(child, PodcastFolder);
            if (Directory.Exists(nested)) return nested;
        }
        return root;
    }

    /// <summary>A readable, stable folder name per URL: the archive's name plus a short hash of the URL.</summary>
    internal static string FolderName(Uri url)
    {
        var name = Path.GetFileName(url.AbsolutePath);
        foreach (var extension in new[] { ".tar.gz", ".tgz", ".zip" })
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) name = name[..^extension.Length];
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('.', '-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)))[..10];
        return (safe.Length > 0 ? safe + "-" : "archive-") + hash;
    }
}
