using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Ask.Testing;

namespace Ask.Adapters.Transcripts.Tests.Support;

/// <summary>
/// A static file server on 127.0.0.1 for feed tests: serves a folder with strong ETags and answers a
/// matching <c>If-None-Match</c> with 304, never answers the paths it is told to stall on, and counts the
/// full bodies and the 304s it sent per path.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly LoopbackListener _listener;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, byte[]> _overrides = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public FeedServer(string root)
    {
        _root = root;
        _listener = new LoopbackListener(AnswerAsync);
    }

    public Uri BaseAddress => _listener.BaseAddress;

    public HashSet<string> Stalled { get; } = new(StringComparer.Ordinal);

    // Released once per request that reached a stalled path: the client has sent it, so its timeout is armed.
    private readonly SemaphoreSlim _stallsReached = new(0);

    /// <summary>Completes when a request for a stalled path has arrived (one per arrival); cancelled, it consumes none.</summary>
    public Task WaitForStallAsync(CancellationToken cancellationToken) => _stallsReached.WaitAsync(cancellationToken);

    /// <summary>Validate with <c>Last-Modified</c> / <c>If-Modified-Since</c> (a fixed date) instead of ETags.</summary>
    public bool DatesOnly { get; set; }

    private static readonly DateTimeOffset Modified = new(2026, 5, 5, 6, 0, 0, TimeSpan.Zero);

    public ConcurrentDictionary<string, int> Bodies { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> NotModified { get; } = new(StringComparer.Ordinal);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> instead of the file.</summary>
    public void Override(string path, byte[] body) => _overrides[path] = body;

    public void ResetCounts()
    {
        Bodies.Clear();
        NotModified.Clear();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var response = context.Response;
        if (Stalled.Contains(path))
        {
            _stallsReached.Release();
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }
        var file = Path.GetFullPath(Path.Combine(_root, path));
        var body = _overrides.TryGetValue(path, out var replaced) ? replaced
            : file.StartsWith(_root, StringComparison.Ordinal) && File.Exists(file) ? await File.ReadAllBytesAsync(file) : null;
        if (body is null)
        {
            response.StatusCode = 404;
            return;
        }
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..16] + "\"";
        if (DatesOnly) response.Headers["Last-Modified"] = Modified.ToString("R");
        else response.Headers["ETag"] = etag;
        var unchanged = DatesOnly
            ? DateTimeOffset.TryParse(context.Request.Headers["If-Modified-Since"], out var since) && since >= Modified
            : context.Request.Headers["If-None-Match"] == etag;
        if (unchanged)
        {
            NotModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            response.StatusCode = 304;
            return;
        }
        Bodies.AddOrUpdate(path, 1, (_, n) => n + 1);
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listener.DisposeAsync();
        _stop.Dispose();
    }
}
