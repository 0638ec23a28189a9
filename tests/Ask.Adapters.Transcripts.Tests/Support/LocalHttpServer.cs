using System.Net;
using System.Net.Sockets;

namespace Ask.Adapters.Transcripts.Tests.Support;

/// <summary>An HTTP server on 127.0.0.1 serving fixed bodies by path, for download tests that stay offline.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, byte[] Body)> _routes = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LocalHttpServer()
    {
        // HttpListener cannot bind port 0, so a free port is found first; the gap until Start is tiny.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public Uri Serve(string path, byte[] body, int status = 200)
    {
        lock (_routes) _routes[path] = (status, body);
        return new Uri(BaseAddress, path);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            (int Status, byte[] Body) route;
            lock (_routes)
                route = _routes.GetValueOrDefault(context.Request.Url!.AbsolutePath.TrimStart('/') + context.Request.Url.Query, (404, "not found"u8.ToArray()));
            context.Response.StatusCode = route.Status;
            context.Response.ContentLength64 = route.Body.Length;
            await context.Response.OutputStream.WriteAsync(route.Body);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
