using System.Net;
using System.Net.Http.Headers;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// Downloads one feed, transcript or chapter file into memory, conditionally (<c>If-None-Match</c>,
/// <c>If-Modified-Since</c>) when validators from the last run are known. The body is capped, and a
/// server that sends nothing for the idle timeout (before the headers or between reads) is given up
/// on, as archive downloads are. Failures are returned as messages, never thrown: one item's broken
/// transcript must not end the feed.
/// </summary>
internal sealed class CappedFetcher(HttpClient http, TimeSpan idleTimeout, TimeProvider time)
{
    private const int BufferSize = 16384;

    public async Task<Fetched> FetchAsync(Uri url, Validators known, long maxBytes, string capSetting, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (known.LastModified is { } modified && DateTimeOffset.TryParse(modified, out var since)) request.Headers.IfModifiedSince = since;
        HttpResponseMessage response;
        try
        {
            using var idle = new CancellationTokenSource(idleTimeout, time);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, answer.Token);
        }
        catch (HttpRequestException e)
        {
            return Fetched.Failed($"could not download {url}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fetched.Failed($"downloading {url} timed out: no answer within {idleTimeout.TotalSeconds:0.#} s (Episodes:DownloadIdleTimeout)");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified) return new Fetched(null, true, known, null);
            if (!response.IsSuccessStatusCode)
                return Fetched.Failed($"downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var validators = new Validators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var copy = new MemoryStream();
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await ReadAsync(body, buffer, cancellationToken)) > 0)
                {
                    // An archive behind a URL without an archive's name is not read to the feed cap just to be refused.
                    if (copy.Length == 0)
                    {
                        if (Archives.ArchiveKinds.Detect(buffer.AsSpan(0, read)) != Archives.ArchiveKind.Unknown)
                            return new Fetched(null, false, validators, null) { IsArchive = true };
                        // The announced length is checked once the first bytes showed what the body is.
                        if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
                            return Fetched.Failed(TooLarge(url, announced, maxBytes, capSetting));
                    }
                    if (copy.Length + read > maxBytes) return Fetched.Failed(TooLarge(url, copy.Length + read, maxBytes, capSetting));
                    copy.Write(buffer, 0, read);
                }
                return new Fetched(copy.ToArray(), false, validators, null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Fetched.Failed($"downloading {url} stalled: no data for {idleTimeout.TotalSeconds:0.#} s (Episodes:DownloadIdleTimeout)");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return Fetched.Failed($"downloading {url} broke off: {e.Message}");
            }
        }
    }

    private async Task<int> ReadAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        return await body.ReadAsync(buffer, read.Token);
    }

    private static string TooLarge(Uri url, long size, long max, string setting) =>
        $"downloading {url} was stopped: {size:N0} bytes is over the {max:N0}-byte cap ({setting})";
}
