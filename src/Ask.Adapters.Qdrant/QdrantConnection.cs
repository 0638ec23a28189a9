using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// The gRPC channel and the <see cref="QdrantClient"/> over it, owned together: the container disposes
/// this singleton and with it the channel. Built here rather than by <c>new QdrantClient(url)</c> to set
/// what that constructor cannot: a short connect timeout, a larger receive limit and the per-call deadline.
/// </summary>
internal sealed class QdrantConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public QdrantConnection(QdrantOptions options, ILoggerFactory? loggerFactory = null)
    {
        var handler = new SocketsHttpHandler
        {
            // Without it a closed or filtered port waits out the whole call deadline before failing.
            ConnectTimeout = options.CallTimeout < TimeSpan.FromSeconds(5) ? options.CallTimeout : TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        };
        _channel = GrpcChannel.ForAddress(options.Url, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // gRPC's default 4 MiB receive limit breaks searches and scrolls with large payloads
            // ("ResourceExhausted ... larger than max"); sends are bounded by Qdrant:MaxBatchBytes instead.
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            LoggerFactory = loggerFactory,
        });
        CallInvoker invoker = _channel.CreateCallInvoker();
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            var apiKey = options.ApiKey;
            invoker = invoker.Intercept(headers =>
            {
                headers.Add("api-key", apiKey);
                return headers;
            });
        }
        Client = new QdrantClient(new QdrantGrpcClient(invoker), options.CallTimeout, loggerFactory);
    }

    public QdrantClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _channel.Dispose();
    }
}
