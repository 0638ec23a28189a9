using System.Net;
using Ask.Testing;

namespace Ask.Adapters.Transcripts.Tests.Support;

/// <summary>An HTTP server on 127.0.0.1 serving fixed bodies by path, for download tests that stay offline.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly Dictionary<string, (int Status, byte[] Body)> _routes = new(StringComparer.Ordinal);
    private readonly LoopbackListener _listener;

    public LocalHttpServer() => _listener = new LoopbackListener(AnswerAsync);

    public Uri BaseAddress => _listener.BaseAddress;

    public Uri Serve(string path, byte[] body, int status = 200)
    {
        lock (_routes) _routes[path] = (status, body);
        return new Uri(BaseAddress, path);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        (int Status, byte[] Body) route;
        lock (_routes)
            route = _routes.GetValueOrDefault(context.Request.Url!.AbsolutePath.TrimStart('/') + context.Request.Url.Query, (404, "not found"u8.ToArray()));
        context.Response.StatusCode = route.Status;
        context.Response.ContentLength64 = route.Body.Length;
        await context.Response.OutputStream.WriteAsync(route.Body);
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
