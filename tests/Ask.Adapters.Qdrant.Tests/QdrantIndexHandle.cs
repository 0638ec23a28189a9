using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>A <see cref="QdrantChunkIndex"/> over its own connection and a collection name no other test uses.</summary>
internal sealed class QdrantIndexHandle : IDisposable
{
    private readonly QdrantConnection _connection;

    private QdrantIndexHandle(QdrantOptions options, TimeProvider time)
    {
        Options = options;
        _connection = new QdrantConnection(options);
        Index = new QdrantChunkIndex(_connection.Client, options, time, NullLogger.Instance);
    }

    public QdrantOptions Options { get; }

    public QdrantChunkIndex Index { get; }

    public global::Qdrant.Client.QdrantClient Client => _connection.Client;

    public static QdrantIndexHandle Create(string url, Action<QdrantOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new QdrantOptions
        {
            Url = url,
            Collection = $"ask-test-{Guid.NewGuid():N}",
            CallTimeout = TimeSpan.FromSeconds(5),
            // Retries stay on, with back-offs short enough for a test run.
            Retry = new QdrantRetryOptions { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        };
        configure?.Invoke(options);
        return new QdrantIndexHandle(options, time ?? TimeProvider.System);
    }

    public void Dispose() => _connection.Dispose();
}
