using Ask.Core;
using Google.Protobuf;
using Qdrant.Client.Grpc;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Splits points into upsert requests that stay under <see cref="QdrantOptions.MaxBatchBytes"/> once
/// serialized. Sizes are protobuf's exact sizes, so the cap holds on the wire. All batches are planned before
/// the first request, so a point that can never fit fails the ingest before anything is written.
/// </summary>
internal static class PointBatcher
{
    /// <summary>The request's own fields (collection name, wait flag, ordering) and slack.</summary>
    private const int RequestOverhead = 512;

    public static IReadOnlyList<IReadOnlyList<PointStruct>> Plan(IEnumerable<(string ChunkId, PointStruct Point)> points, int maxBatchBytes)
    {
        var batches = new List<IReadOnlyList<PointStruct>>();
        var current = new List<PointStruct>();
        long currentBytes = RequestOverhead;
        foreach (var (chunkId, point) in points)
        {
            var size = point.CalculateSize();
            // Each repeated element costs its tag (1 byte) and its length prefix on top of its body.
            var framed = 1 + CodedOutputStream.ComputeLengthSize(size) + size;
            if (framed + RequestOverhead > maxBatchBytes)
                throw new AskException(
                    $"Chunk {chunkId} is {framed / 1e6:0.0} MB serialized, more than Qdrant:MaxBatchBytes ({maxBatchBytes / 1e6:0.0} MB) allows in one request. " +
                    "Such a chunk would fail on every run; check its transcript and the chunking settings.");
            if (currentBytes + framed > maxBatchBytes)
            {
                batches.Add(current);
                current = [];
                currentBytes = RequestOverhead;
            }
            current.Add(point);
            currentBytes += framed;
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }
}
