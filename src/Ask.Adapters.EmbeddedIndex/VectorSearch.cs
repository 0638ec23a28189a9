using System.Numerics.Tensors;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>Exact nearest-neighbour search over normalised vectors stored row after row in one array.</summary>
internal static class VectorSearch
{
    public static List<(int Row, float Score)> TopK(float[] vectors, int dimensions, ReadOnlySpan<float> query, int k, Func<int, bool>? include)
    {
        var rows = vectors.Length / dimensions;
        // Min-heap of the best k so far: the root is the weakest kept score.
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var row = 0; row < rows; row++)
        {
            if (include is not null && !include(row)) continue;
            var score = TensorPrimitives.Dot(new ReadOnlySpan<float>(vectors, row * dimensions, dimensions), query);
            if (heap.Count < k) heap.Enqueue(row, score);
            else if (heap.TryPeek(out _, out var weakest) && score > weakest) heap.EnqueueDequeue(row, score);
        }
        var result = new List<(int, float)>(heap.Count);
        while (heap.TryDequeue(out var row, out var score)) result.Add((row, score));
        result.Reverse();
        return result;
    }

    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var copy = new float[vector.Length];
        Normalize(vector, copy);
        return copy;
    }

    /// <summary>Writes <paramref name="vector"/> scaled to unit length into <paramref name="destination"/> (a zero vector stays zero).</summary>
    public static void Normalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        vector.CopyTo(destination);
        var norm = TensorPrimitives.Norm(destination);
        if (norm > 0) TensorPrimitives.Divide(destination, norm, destination);
    }
}
