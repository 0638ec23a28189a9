using System.Buffers;
using System.Numerics.Tensors;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Sentence and word vectors as the embedded store keeps them: 8-bit integers, each vector scaled so its largest
/// component is ±127, and compared by cosine after widening to floats. The same rounding and the same arithmetic
/// here give the same similarity on both stores to the last bit, so an extractive answer does not depend on the
/// store; in the payload they travel as base64 (a third of the bytes of floats).
/// </summary>
internal static class Int8Vector
{
    public static sbyte[] Quantize(ReadOnlySpan<float> vector)
    {
        var largest = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        var factor = largest > 0 ? 127f / largest : 0f;
        var quantized = new sbyte[vector.Length];
        for (var i = 0; i < vector.Length; i++) quantized[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * factor), -127, 127);
        return quantized;
    }

    public static string ToBase64(ReadOnlySpan<float> vector) => Convert.ToBase64String((byte[])(Array)Quantize(vector));

    /// <summary>The vector of <paramref name="base64"/>, or null when it is not one of <paramref name="dimensions"/> components.</summary>
    public static sbyte[]? FromBase64(string base64, int dimensions)
    {
        var bytes = new byte[dimensions];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != dimensions) return null;
        return (sbyte[])(Array)bytes;
    }

    public static double? Similarity(sbyte[] stored, ReadOnlySpan<float> query)
    {
        if (query.Length != stored.Length) return null;
        var rented = stored.Length > 1024 ? ArrayPool<float>.Shared.Rent(stored.Length) : null;
        var vector = rented is null ? stackalloc float[stored.Length] : rented.AsSpan(0, stored.Length);
        for (var i = 0; i < stored.Length; i++) vector[i] = stored[i];
        var similarity = TensorPrimitives.CosineSimilarity(query, vector);
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        return similarity;
    }
}
