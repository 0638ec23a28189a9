using Ask.Adapters.Qdrant.Tests.FakeQdrant;
using Ask.Core.Retrieval;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>Base for Qdrant-specific tests: one fake server per test, so fault knobs never leak between tests.</summary>
public abstract class FakeQdrantTest : IAsyncLifetime
{
    protected static readonly EmbeddingSpace MiniLm = new("all-MiniLM-L6-v2", 384);

    private readonly List<QdrantIndexHandle> _handles = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private FakeQdrantServer? _server;

    internal FakeQdrantServer Server => _server ?? throw new InvalidOperationException("Not started.");

    protected CancellationToken Ct => _timeout.Token;

    internal QdrantIndexHandle NewIndex(Action<QdrantOptions>? configure = null, TimeProvider? time = null)
    {
        var handle = QdrantIndexHandle.Create(Server.Url, configure, time);
        _handles.Add(handle);
        return handle;
    }

    public async Task InitializeAsync() => _server = await FakeQdrantServer.StartAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var handle in _handles) handle.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _timeout.Dispose();
    }
}
