using Grpc.Core;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>
/// The RPC handlers of the fake Qdrant, on Qdrant.Client's own message types. Each handler takes the state
/// lock for its whole body, so every call is atomic (Qdrant's alias switch is, and tests rely on it).
/// </summary>
internal sealed partial class FakeQdrantService(FakeQdrantState state, FakeQdrantFaults faults)
{
    public FakeQdrantState State => state;

    public FakeQdrantFaults Faults => faults;

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string collection) => new(new Status(StatusCode.NotFound, $"Not found: Collection `{collection}` doesn't exist!"));

    public Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckReply { Title = "qdrant - vector search engine (fake)", Version = faults.Version });

    private FakeCollection Existing(string name) => state.Resolve(name) ?? throw NotFound(name);
}
