namespace Ask.Testing.Indexing;

/// <summary>
/// Deterministic unit vectors for index tests: the same key gives the same vector in every process and
/// on every machine (a private SplitMix64 generator, not <see cref="Random"/>, whose sequence may change
/// between runtimes).
/// </summary>
public static class TestVectors
{
    /// <summary>A unit vector derived only from <paramref name="key"/>.</summary>
    public static float[] For(string key, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var state = Ask.Core.TextHash.Fnv1a64(key);
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            // Uniform in [-1, 1): enough spread that two keys are almost never close.
            vector[i] = (float)((NextUInt64(ref state) >> 11) * (1.0 / (1UL << 53)) * 2 - 1);
        }
        return Normalize(vector);
    }

    /// <summary>A unit vector close to <paramref name="vector"/>: the vector plus a little noise named by <paramref name="noiseKey"/>.</summary>
    public static float[] Near(ReadOnlySpan<float> vector, string noiseKey, float noise = 0.05f)
    {
        var offset = For(noiseKey, vector.Length);
        var result = new float[vector.Length];
        for (var i = 0; i < result.Length; i++) result[i] = vector[i] + noise * offset[i];
        return Normalize(result);
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static float[] Normalize(float[] vector)
    {
        double sum = 0;
        foreach (var v in vector) sum += v * v;
        var norm = (float)Math.Sqrt(sum);
        for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    private static ulong NextUInt64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
