using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ask.Testing.FakeSlack;

/// <summary>The Socket Mode side: a WebSocket that greets with <c>hello</c>, carries envelopes and records the acks.</summary>
public sealed partial class FakeSlackServer
{
    private readonly ConcurrentQueue<SocketMessage> _received = new();
    private readonly List<WebSocket> _sockets = [];
    private int _connections;

    /// <summary>WebSocket connections accepted so far (a reconnect adds one).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Everything the bot sent over the sockets (acks carry <c>envelope_id</c>).</summary>
    public IReadOnlyList<SocketMessage> Received => _received.ToArray();

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        lock (_sockets) _sockets.Add(socket);
        Interlocked.Increment(ref _connections);
        _arrivals.Pulse();
        await SendAsync(socket, new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
                if (JsonNode.Parse(message.ToArray()) is JsonObject received)
                {
                    _received.Enqueue(new SocketMessage(received, _clock.Elapsed));
                    _arrivals.Pulse();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The bot dropped the connection or the test aborted it: both are what the tests exercise.
        }
        finally
        {
            lock (_sockets) _sockets.Remove(socket);
            _arrivals.Pulse();
        }
    }

    /// <summary>Sends an envelope over the newest open connection.</summary>
    public Task SendEnvelopeAsync(JsonObject envelope) => SendAsync(Newest(), envelope);

    /// <summary>Slack's "please reconnect" (<c>refresh_requested</c>, <c>warning</c>, ...).</summary>
    public Task SendDisconnectAsync(string reason) => SendEnvelopeAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason });

    /// <summary>Cuts the newest connection without a close handshake, as a network failure would.</summary>
    public void DropNewestSocket() => Newest().Abort();

    public Task WaitForConnectionsAsync(int count) =>
        _arrivals.WaitUntilAsync(() => Connections >= count && OpenSockets() > 0, () => $"only {Connections} of {count} socket connections arrived");

    /// <summary>Waits for the bot's ack of <paramref name="envelopeId"/>.</summary>
    public async Task<SocketMessage> WaitForAckAsync(string envelopeId)
    {
        SocketMessage? Ack() => _received.FirstOrDefault(r => r.Body["envelope_id"]?.GetValue<string>() == envelopeId);
        await _arrivals.WaitUntilAsync(() => Ack() is not null, () => $"no ack for envelope {envelopeId}");
        return Ack()!;
    }

    private int OpenSockets()
    {
        lock (_sockets) return _sockets.Count(s => s.State == WebSocketState.Open);
    }

    private WebSocket Newest()
    {
        lock (_sockets) return _sockets.LastOrDefault(s => s.State == WebSocketState.Open) ?? throw new InvalidOperationException("no open Socket Mode connection");
    }

    private static Task SendAsync(WebSocket socket, JsonObject message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task CloseSocketsAsync()
    {
        WebSocket[] open;
        lock (_sockets) open = _sockets.ToArray();
        foreach (var socket in open) socket.Abort();
        await Task.CompletedTask;
    }
}
