using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

internal sealed partial class FakeQdrantService
{
    public Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        state.Upserts.Enqueue((request.CalculateSize(), request.Wait, request.Points.Count, request.CollectionName, [.. request.Points.Select(p => FakeCollection.Key(p.Id))]));
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            foreach (var point in request.Points) Validate(collection, point);
            foreach (var point in request.Points) collection.Points[FakeCollection.Key(point.Id)] = point.Clone();
            return Task.FromResult(Applied(request.Wait));
        }
    }

    /// <summary>Replaces the named vectors given and keeps the point's others, as Qdrant's UpdateVectors does; unknown ids are an error.</summary>
    public Task<PointsOperationResponse> UpdateVectors(UpdatePointVectors request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            foreach (var update in request.Points)
            {
                if (!collection.Points.TryGetValue(FakeCollection.Key(update.Id), out var point))
                    throw new RpcException(new Status(StatusCode.NotFound, $"No point with id {update.Id} found"));
                Validate(collection, new PointStruct { Id = update.Id, Vectors = update.Vectors });
            }
            foreach (var update in request.Points)
            {
                var point = collection.Points[FakeCollection.Key(update.Id)];
                foreach (var (name, vector) in update.Vectors.Vectors_.Vectors) point.Vectors.Vectors_.Vectors[name] = vector.Clone();
            }
            return Task.FromResult(Applied(request.Wait));
        }
    }

    public Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            var selector = request.Points;
            var doomed = selector.PointsSelectorOneOfCase switch
            {
                PointsSelector.PointsSelectorOneOfOneofCase.Points => selector.Points.Ids.Select(FakeCollection.Key).ToList(),
                PointsSelector.PointsSelectorOneOfOneofCase.Filter => Filtered(collection, selector.Filter).Select(p => FakeCollection.Key(p.Id)).ToList(),
                _ => throw Invalid("Delete needs ids or a filter."),
            };
            foreach (var key in doomed) collection.Points.Remove(key);
            return Task.FromResult(Applied(request.Wait));
        }
    }

    public Task<GetResponse> GetPoints(GetPoints request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            var response = new GetResponse { Time = 0.001 };
            foreach (var id in request.Ids)
            {
                if (!collection.Points.TryGetValue(FakeCollection.Key(id), out var point)) continue;
                var retrieved = new RetrievedPoint { Id = point.Id };
                retrieved.Payload.Add(Select(point.Payload, request.WithPayload));
                response.Result.Add(retrieved);
            }
            return Task.FromResult(response);
        }
    }

    public Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            if (!request.HasFieldType) throw Invalid("Field type is required.");
            collection.PayloadIndexes[request.FieldName] = Enum.Parse<PayloadSchemaType>(request.FieldType.ToString());
            return Task.FromResult(Applied(request.Wait));
        }
    }

    public Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)Filtered(collection, request.Filter).Count() }, Time = 0.001 });
        }
    }

    public Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context)
    {
        state.Scrolls.Enqueue(request.Clone());
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var from = request.Offset is null ? null : FakeCollection.Key(request.Offset);
            var page = Filtered(collection, request.Filter)
                .Where(p => from is null || string.CompareOrdinal(FakeCollection.Key(p.Id), from) >= 0)
                .Take(limit + 1)
                .ToList();
            var response = new ScrollResponse { Time = 0.001 };
            foreach (var point in page.Take(limit))
            {
                var retrieved = new RetrievedPoint { Id = point.Id };
                retrieved.Payload.Add(Select(point.Payload, request.WithPayload));
                response.Result.Add(retrieved);
            }
            if (page.Count > limit) response.NextPageOffset = page[limit].Id;
            return Task.FromResult(response);
        }
    }

    public Task<QueryResponse> Query(QueryPoints request, ServerCallContext context)
    {
        if (faults.QueryUnimplemented)
            throw new RpcException(new Status(StatusCode.Unimplemented, "unknown method Query for service qdrant.Points"));
        lock (state.Sync)
        {
            var collection = Existing(request.CollectionName);
            if (request.Query?.VariantCase != global::Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest)
                throw Invalid("The fake Qdrant supports nearest queries only.");
            var candidates = Filtered(collection, request.Filter).ToList();
            var input = request.Query.Nearest;
            var scored = input.VariantCase switch
            {
                VectorInput.VariantOneofCase.Dense => ScoreDense(collection, candidates, request.Using, input.Dense.Data),
                VectorInput.VariantOneofCase.Sparse => ScoreSparse(collection, candidates, request.Using, input.Sparse),
                _ => throw Invalid($"The fake Qdrant does not support {input.VariantCase} queries."),
            };
            var limit = request.HasLimit ? (int)request.Limit : 10;
            var response = new QueryResponse { Time = 0.001 };
            foreach (var (point, score) in scored.OrderByDescending(s => s.Score).ThenBy(s => FakeCollection.Key(s.Point.Id), StringComparer.Ordinal).Take(limit))
            {
                var hit = new ScoredPoint { Id = point.Id, Score = score, Version = 1 };
                hit.Payload.Add(Select(point.Payload, request.WithPayload));
                response.Result.Add(hit);
            }
            return Task.FromResult(response);
        }
    }

    private PointsOperationResponse Applied(bool wait) => new()
    {
        Result = new UpdateResult { OperationId = 1, Status = wait && !faults.AcknowledgeWithoutApplying ? UpdateStatus.Completed : UpdateStatus.Acknowledged },
        Time = 0.001,
    };

    private IEnumerable<PointStruct> Filtered(FakeCollection collection, Filter? filter)
    {
        if (faults.StrictMode) FakeFilter.RequireIndexes(filter, collection);
        return collection.Points.Values.Where(p => FakeFilter.Matches(filter, p));
    }

    private static void Validate(FakeCollection collection, PointStruct point)
    {
        if (point.Vectors?.VectorsOptionsCase != Vectors.VectorsOptionsOneofCase.Vectors_)
            throw Invalid("The fake Qdrant supports named vectors only.");
        foreach (var (name, vector) in point.Vectors.Vectors_.Vectors)
        {
            if (collection.IsSparse(name))
            {
                if (vector.Sparse is null || vector.Sparse.Indices.Count != vector.Sparse.Values.Count || vector.Sparse.Indices.Distinct().Count() != vector.Sparse.Indices.Count)
                    throw Invalid($"Wrong input: sparse vector {name} must have unique indices, one value each.");
                continue;
            }
            var expected = collection.DenseSize(name);
            var got = DenseOf(vector).Count;
            if (got != expected) throw Invalid($"Wrong input: Vector dimension error: expected dim: {expected}, got {got}");
        }
    }

    // Older clients put dense values in the deprecated Vector.Data; accept both, as Qdrant does.
#pragma warning disable CS0612
    private static IReadOnlyList<float> DenseOf(Vector vector) => vector.Dense is not null ? vector.Dense.Data : vector.Data;
#pragma warning restore CS0612

    private static List<(PointStruct Point, float Score)> ScoreDense(FakeCollection collection, List<PointStruct> points, string name, RepeatedField<float> query)
    {
        var expected = collection.DenseSize(name);
        if (query.Count != expected) throw Invalid($"Wrong input: Vector dimension error: expected dim: {expected}, got {query.Count}");
        var result = new List<(PointStruct, float)>();
        foreach (var point in points)
        {
            if (!point.Vectors.Vectors_.Vectors.TryGetValue(name, out var vector)) continue;
            result.Add((point, (float)Cosine(DenseOf(vector), query)));
        }
        return result;
    }

    /// <summary>Dot product over shared indices; with <c>Modifier.Idf</c> each query weight is multiplied by the term's IDF, as Qdrant does.</summary>
    private static List<(PointStruct Point, float Score)> ScoreSparse(FakeCollection collection, List<PointStruct> points, string name, SparseVector query)
    {
        if (!collection.IsSparse(name)) throw Invalid($"Wrong input: Not existing vector name error: {name}");
        var useIdf = collection.Config.SparseVectorsConfig.Map[name].Modifier == Modifier.Idf;
        var withVector = collection.Points.Values
            .Select(p => p.Vectors.Vectors_.Vectors.TryGetValue(name, out var v) ? v.Sparse : null)
            .OfType<SparseVector>()
            .ToList();
        var weights = new Dictionary<uint, double>();
        for (var i = 0; i < query.Indices.Count; i++)
        {
            var index = query.Indices[i];
            var idf = 1.0;
            if (useIdf)
            {
                var n = withVector.Count(v => v.Indices.Contains(index));
                idf = Math.Log(1 + (withVector.Count - n + 0.5) / (n + 0.5));
            }
            weights[index] = query.Values[i] * idf;
        }
        var result = new List<(PointStruct, float)>();
        foreach (var point in points)
        {
            if (!point.Vectors.Vectors_.Vectors.TryGetValue(name, out var vector) || vector.Sparse is null) continue;
            double score = 0;
            var overlap = false;
            for (var i = 0; i < vector.Sparse.Indices.Count; i++)
            {
                if (!weights.TryGetValue(vector.Sparse.Indices[i], out var w)) continue;
                overlap = true;
                score += w * vector.Sparse.Values[i];
            }
            // Qdrant's sparse search returns only points sharing at least one index with the query.
            if (overlap) result.Add((point, (float)score));
        }
        return result;
    }

    private static double Cosine(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static MapField<string, Value> Select(MapField<string, Value> payload, WithPayloadSelector? selector)
    {
        var result = new MapField<string, Value>();
        if (selector is null) return result;
        switch (selector.SelectorOptionsCase)
        {
            case WithPayloadSelector.SelectorOptionsOneofCase.Enable:
                if (selector.Enable) result.Add(payload);
                break;
            case WithPayloadSelector.SelectorOptionsOneofCase.Include:
                foreach (var field in selector.Include.Fields)
                    if (payload.TryGetValue(field, out var v)) result[field] = v;
                break;
            case WithPayloadSelector.SelectorOptionsOneofCase.Exclude:
                foreach (var (key, value) in payload)
                    if (!selector.Exclude.Fields.Contains(key)) result[key] = value;
                break;
        }
        return result;
    }
}
