using Grpc.Core;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

internal sealed partial class FakeQdrantService
{
    public Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            if (state.Collections.ContainsKey(request.CollectionName) || state.Aliases.ContainsKey(request.CollectionName))
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{request.CollectionName}` already exists!"));
            if (request.VectorsConfig?.ParamsMap is null)
                throw Invalid("The fake Qdrant supports named vectors only.");
            state.Collections[request.CollectionName] = new FakeCollection(request.Clone());
            state.Journal.Enqueue($"create {request.CollectionName}");
            if (faults.AlreadyExistsOnCreate)
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Collection `{request.CollectionName}` already exists!"));
        }
        return Task.FromResult(new CollectionOperationResponse { Result = true, Time = 0.001 });
    }

    public Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            var config = collection.Config;
            var info = new CollectionInfo
            {
                Status = CollectionStatus.Green,
                OptimizerStatus = new OptimizerStatus { Ok = true },
                PointsCount = (ulong)collection.Points.Count,
                SegmentsCount = 1,
                Config = new CollectionConfig
                {
                    Params = new CollectionParams
                    {
                        VectorsConfig = config.VectorsConfig,
                        SparseVectorsConfig = config.SparseVectorsConfig,
                        ShardNumber = config.HasShardNumber ? config.ShardNumber : 1,
                        ReplicationFactor = config.HasReplicationFactor ? config.ReplicationFactor : 1,
                        WriteConsistencyFactor = config.HasWriteConsistencyFactor ? config.WriteConsistencyFactor : 1,
                    },
                    HnswConfig = new HnswConfigDiff(),
                    OptimizerConfig = new OptimizersConfigDiff(),
                    WalConfig = new WalConfigDiff(),
                    Metadata = { config.Metadata },
                },
            };
            foreach (var (field, type) in collection.PayloadIndexes)
                info.PayloadSchema[field] = new PayloadSchemaInfo { DataType = type, Points = (ulong)collection.Points.Count };
            return Task.FromResult(new GetCollectionInfoResponse { Result = info, Time = 0.001 });
        }
    }

    public Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            return Task.FromResult(new CollectionExistsResponse
            {
                Result = new global::Qdrant.Client.Grpc.CollectionExists { Exists = state.Resolve(request.CollectionName) is not null },
                Time = 0.001,
            });
        }
    }

    public Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var response = new ListCollectionsResponse { Time = 0.001 };
            response.Collections.AddRange(state.Collections.Keys.Select(n => new CollectionDescription { Name = n }));
            return Task.FromResult(response);
        }
    }

    public Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var existed = state.Collections.Remove(request.CollectionName);
            // Qdrant drops the aliases of a deleted collection with it.
            foreach (var alias in state.Aliases.Where(a => a.Value == request.CollectionName).Select(a => a.Key).ToList())
                state.Aliases.Remove(alias);
            if (existed) state.Journal.Enqueue($"drop {request.CollectionName}");
            return Task.FromResult(new CollectionOperationResponse { Result = existed, Time = 0.001 });
        }
    }

    /// <summary>All actions of one request apply together or not at all, as in Qdrant.</summary>
    public Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var aliases = new Dictionary<string, string>(state.Aliases, StringComparer.Ordinal);
            foreach (var action in request.Actions)
            {
                switch (action.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        var create = action.CreateAlias;
                        if (!state.Collections.ContainsKey(create.CollectionName)) throw NotFound(create.CollectionName);
                        if (aliases.ContainsKey(create.AliasName) || state.Collections.ContainsKey(create.AliasName))
                            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Wrong input: Alias `{create.AliasName}` already exists!"));
                        aliases[create.AliasName] = create.CollectionName;
                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        if (!aliases.Remove(action.DeleteAlias.AliasName))
                            throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Alias `{action.DeleteAlias.AliasName}` doesn't exist!"));
                        break;
                    default:
                        throw Invalid($"The fake Qdrant does not support {action.ActionCase}.");
                }
            }
            state.Aliases.Clear();
            foreach (var (alias, target) in aliases) state.Aliases[alias] = target;
            state.Journal.Enqueue("aliases " + string.Join(", ", aliases.Select(a => $"{a.Key} -> {a.Value}")));
            return Task.FromResult(new CollectionOperationResponse { Result = true, Time = 0.001 });
        }
    }

    public Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var response = new ListAliasesResponse { Time = 0.001 };
            response.Aliases.AddRange(state.Aliases.Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
            return Task.FromResult(response);
        }
    }

    public Task<ListAliasesResponse> ListCollectionAliases(ListCollectionAliasesRequest request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var response = new ListAliasesResponse { Time = 0.001 };
            response.Aliases.AddRange(state.Aliases.Where(a => a.Value == request.CollectionName)
                .Select(a => new AliasDescription { AliasName = a.Key, CollectionName = a.Value }));
            return Task.FromResult(response);
        }
    }
}
