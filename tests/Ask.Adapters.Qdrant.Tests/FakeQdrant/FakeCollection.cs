using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>One physical collection of the fake: its creation request, points and payload indexes.</summary>
internal sealed class FakeCollection(CreateCollection config)
{
    public CreateCollection Config { get; } = config;

    public string Name => Config.CollectionName;

    /// <summary>Points by id key (<see cref="Key"/>), kept in id order as Qdrant scrolls them.</summary>
    public SortedDictionary<string, PointStruct> Points { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PayloadSchemaType> PayloadIndexes { get; } = new(StringComparer.Ordinal);

    public int DenseSize(string name) =>
        Config.VectorsConfig.ParamsMap.Map.TryGetValue(name, out var p) ? (int)p.Size : throw FakeQdrantService.Invalid($"Wrong input: Not existing vector name error: {name}");

    public bool IsSparse(string name) => Config.SparseVectorsConfig?.Map.ContainsKey(name) == true;

    public static string Key(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Uuid
        ? "u:" + Guid.Parse(id.Uuid).ToString()
        : "n:" + id.Num.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
