using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Qdrant.Client.Grpc;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>
/// Binds the fake's handlers to Qdrant's gRPC method names. Qdrant.Client ships client stubs only, so the
/// server side is bound by hand: a <see cref="Method{TRequest,TResponse}"/> per RPC with marshallers built
/// from the message types, checked against the client's own service descriptors so a typo fails at start.
/// Every call is counted and passes the fault knobs before its handler runs.
/// </summary>
internal sealed class FakeQdrantMethodProvider : IServiceMethodProvider<FakeQdrantService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FakeQdrantService> context)
    {
        var qdrant = new Binder(context, global::Qdrant.Client.Grpc.Qdrant.Descriptor);
        qdrant.Add<HealthCheckRequest, HealthCheckReply>("HealthCheck", (s, r, c) => s.HealthCheck(r, c));

        var collections = new Binder(context, Collections.Descriptor);
        collections.Add<CreateCollection, CollectionOperationResponse>("Create", (s, r, c) => s.Create(r, c));
        collections.Add<GetCollectionInfoRequest, GetCollectionInfoResponse>("Get", (s, r, c) => s.Get(r, c));
        collections.Add<CollectionExistsRequest, CollectionExistsResponse>("CollectionExists", (s, r, c) => s.CollectionExists(r, c));
        collections.Add<ListCollectionsRequest, ListCollectionsResponse>("List", (s, r, c) => s.List(r, c));
        collections.Add<DeleteCollection, CollectionOperationResponse>("Delete", (s, r, c) => s.Delete(r, c));
        collections.Add<ChangeAliases, CollectionOperationResponse>("UpdateAliases", (s, r, c) => s.UpdateAliases(r, c));
        collections.Add<ListAliasesRequest, ListAliasesResponse>("ListAliases", (s, r, c) => s.ListAliases(r, c));
        collections.Add<ListCollectionAliasesRequest, ListAliasesResponse>("ListCollectionAliases", (s, r, c) => s.ListCollectionAliases(r, c));

        var points = new Binder(context, Points.Descriptor);
        points.Add<UpsertPoints, PointsOperationResponse>("Upsert", (s, r, c) => s.Upsert(r, c));
        points.Add<DeletePoints, PointsOperationResponse>("Delete", (s, r, c) => s.Delete(r, c));
        points.Add<UpdatePointVectors, PointsOperationResponse>("UpdateVectors", (s, r, c) => s.UpdateVectors(r, c));
        points.Add<GetPoints, GetResponse>("Get", (s, r, c) => s.GetPoints(r, c));
        points.Add<CreateFieldIndexCollection, PointsOperationResponse>("CreateFieldIndex", (s, r, c) => s.CreateFieldIndex(r, c));
        points.Add<CountPoints, CountResponse>("Count", (s, r, c) => s.Count(r, c));
        points.Add<ScrollPoints, ScrollResponse>("Scroll", (s, r, c) => s.Scroll(r, c));
        points.Add<QueryPoints, QueryResponse>("Query", (s, r, c) => s.Query(r, c));
    }

    private sealed class Binder(ServiceMethodProviderContext<FakeQdrantService> context, ProtoService service)
    {
        public void Add<TRequest, TResponse>(string name, Func<FakeQdrantService, TRequest, ServerCallContext, Task<TResponse>> handler)
            where TRequest : class, IMessage<TRequest>, new()
            where TResponse : class, IMessage<TResponse>, new()
        {
            var descriptor = service.FindMethodByName(name)
                ?? throw new InvalidOperationException($"{service.FullName} has no method {name}.");
            if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
                throw new InvalidOperationException($"{service.FullName}/{name} takes {descriptor.InputType.ClrType.Name} and returns {descriptor.OutputType.ClrType.Name}.");
            var method = new Method<TRequest, TResponse>(MethodType.Unary, service.FullName, name, MarshallerFor<TRequest>(), MarshallerFor<TResponse>());
            // Two services share method names (Get, Delete); those counters carry the service name.
            var counterName = name is "Delete" or "Get" ? $"{service.Name}.{name}" : name;
            context.AddUnaryMethod(method, [], async (fake, request, call) =>
            {
                fake.State.Calls.AddOrUpdate(counterName, 1, (_, n) => n + 1);
                await fake.Faults.BeforeCallAsync(counterName, call.CancellationToken);
                return await handler(fake, request, call);
            });
        }

        private static Marshaller<T> MarshallerFor<T>() where T : class, IMessage<T>, new()
        {
            var parser = new MessageParser<T>(() => new T());
            return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
        }
    }
}
