using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ask.Adapters.Slack.Answering;
using Ask.Adapters.Slack.WebApi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Slack.SocketMode;

/// <summary>
/// Socket Mode, for workspaces that cannot expose a public URL: opens a connection with the app token
/// (<c>apps.connections.open</c>), acknowledges every envelope by <c>envelope_id</c> before anything else,
/// hands its payload to the same <see cref="SlackInbox"/> the HTTP endpoints use, and reconnects when Slack
/// asks (<c>disconnect</c>) or the socket drops or goes silent (keep-alive pings unanswered): a client that trusts its "connected" flag can go quiet for good
/// after Slack refreshes the connection (see docs/failure-modes.md#37-socket-mode-going-silent).
/// </summary>
internal sealed partial class SocketModeWorker(SlackWebApi slack, SlackInbox inbox, TimeProvider time, ILogger<SocketModeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of one Socket Mode message; a larger one ends the connection (and a new one is opened).</summary>
    public const int MaxFrameBytes = 1 << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var url = await slack.OpenConnectionAsync(stoppingToken);
                using var socket = new ClientWebSocket();
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
                socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(20);
                await socket.ConnectAsync(url, stoppingToken);
                backoff = TimeSpan.FromSeconds(1);
                var reason = await ReceiveAsync(socket, stoppingToken);
                LogReconnecting(logger, reason);
                await CloseQuietlyAsync(socket);
            }
            // Whatever ends a connection — the network, Slack, a malformed or oversized frame, a database error
            // while handling one — the worker reconnects with backoff rather than stopping Socket Mode for good.
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogConnectionFailed(logger, e is SlackApiException or WebSocketException or HttpRequestException ? e.Message : e.GetType().Name, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Handles envelopes until Slack asks for a reconnect or the socket closes; returns why.</summary>
    private async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close) return "closed by Slack: " + (received.CloseStatusDescription ?? received.CloseStatus?.ToString());
                if (message.Length + received.Count > MaxFrameBytes)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken);
                    return $"a message over {MaxFrameBytes} bytes";
                }
                message.Write(buffer, 0, received.Count);
            } while (!received.EndOfMessage);

            JsonDocument envelope;
            try
            {
                envelope = JsonDocument.Parse(message.ToArray());
            }
            catch (JsonException)
            {
                LogMalformed(logger);
                continue;
            }
            using var _ = envelope;
            var root = envelope.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "disconnect") return "disconnect: " + (root.TryGetProperty("reason", out var r) ? r.GetString() : "no reason");
            if (type == "hello")
            {
                LogConnected(logger);
                continue;
            }
            try
            {
                await HandleAsync(socket, type, root, cancellationToken);
            }
            catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
            {
                // One envelope's failure (a feedback database error, say) does not end the connection.
                LogEnvelopeFailed(logger, e, type ?? "none");
            }
        }
        return "socket " + socket.State;
    }

    private async Task HandleAsync(ClientWebSocket socket, string? type, JsonElement envelope, CancellationToken cancellationToken)
    {
        var envelopeId = envelope.TryGetProperty("envelope_id", out var id) ? id.GetString() : null;
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        switch (type)
        {
            case "events_api":
                // The ack goes first: answering happens in the background, and an unacked envelope is redelivered.
                await SendAsync(socket, ack, cancellationToken);
                var attempt = envelope.TryGetProperty("retry_attempt", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0;
                var reason = envelope.TryGetProperty("retry_reason", out var rr) ? rr.ToString() : "";
                inbox.AcceptEvent(payload, attempt > 0 ? $"{attempt} ({reason})" : null);
                break;
            case "slash_commands":
                var form = payload.ValueKind == JsonValueKind.Object
                    ? payload.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.String).ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.Ordinal)
                    : [];
                ack["payload"] = inbox.AcceptCommand(form);
                await SendAsync(socket, ack, cancellationToken);
                break;
            case "interactive":
                await SendAsync(socket, ack, cancellationToken);
                await inbox.AcceptInteractionAsync(payload, cancellationToken);
                break;
            default:
                if (envelopeId is not null) await SendAsync(socket, ack, cancellationToken);
                break;
        }
    }

    private static Task SendAsync(ClientWebSocket socket, JsonObject message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The old connection is being replaced; whether it closed cleanly does not matter.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode message was not JSON; ignored")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode envelope ({Type}) failed")]
    private static partial void LogEnvelopeFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode reconnecting: {Reason}")]
    private static partial void LogReconnecting(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection failed ({Error}); retrying in {Seconds} s")]
    private static partial void LogConnectionFailed(ILogger logger, string error, double seconds);
}
