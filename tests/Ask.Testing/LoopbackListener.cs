using System.Net;
using System.Net.Sockets;

namespace Ask.Testing;

/// <summary>
/// An <see cref="HttpListener"/> on a free loopback port, for fakes that answer below Kestrel's level (exact
/// lengths, bodies cut short, requests never answered). Each request is handled on its own, so one the test
/// stalls does not hold up the next.
/// </summary>
public sealed class LoopbackListener : IAsyncDisposable
{
    private const int BindAttempts = 5;

    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        // HttpListener cannot bind port 0: a free port is found first, and another one taken if some other
        // process bound it in between (a parallel test run does).
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Closed()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                (_listener, BaseAddress) = (listener, address);
                break;
            }
            catch (HttpListenerException) when (attempt < BindAttempts)
            {
                listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The test is over or the client gave up; nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>Loopback ports for tests that need an address nothing answers at.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port that was free a moment ago: bound, read and released.</summary>
    public static int Closed()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
