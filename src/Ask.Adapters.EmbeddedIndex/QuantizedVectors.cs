using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Numerics.Tensors;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// Dense search that reads a quarter of the bytes: every chunk vector is also kept as 8-bit integers (each
/// row scaled so its largest component is ±127), a scan of those picks a shortlist several times the
/// requested size, and the shortlist is scored again on the float vectors. The results are the exact
/// search's whenever its top rows are all in the shortlist; the scale bench measures how often they are.
/// </summary>
/// <remarks>
/// An exact scan reads every float of every chunk per search: 90 MB at four times the archive, which on a
/// shared 2-core machine is memory-bound and takes longer than the rest of a search together.
/// </remarks>
internal sealed class QuantizedVectors
{
    /// <summary>How many times the requested rows the 8-bit scan keeps for exact scoring.</summary>
    internal const int Oversample = 4;

    /// <summary>The shortest shortlist: below it, a few hundred exact dot products cost nothing.</summary>
    internal const int MinShortlist = 200;

    private readonly float[] _vectors;
    private readonly sbyte[] _codes;
    private readonly float[] _inverseScales;
    private readonly int _dimensions;

    private QuantizedVectors(float[] vectors, sbyte[] codes, float[] inverseScales, int dimensions)
    {
        _vectors = vectors;
        _codes = codes;
        _inverseScales = inverseScales;
        _dimensions = dimensions;
    }

    private int Rows => _inverseScales.Length;

    public static QuantizedVectors From(float[] vectors, int dimensions)
    {
        var rows = dimensions == 0 ? 0 : vectors.Length / dimensions;
        var codes = new sbyte[vectors.Length];
        var inverseScales = new float[rows];
        for (var row = 0; row < rows; row++)
            inverseScales[row] = Quantize(vectors.AsSpan(row * dimensions, dimensions), codes.AsSpan(row * dimensions, dimensions));
        return new QuantizedVectors(vectors, codes, inverseScales, dimensions);
    }

    /// <summary>The <paramref name="k"/> rows nearest <paramref name="query"/> (normalised), best first, with exact scores.</summary>
    public List<(int Row, float Score)> TopK(ReadOnlySpan<float> query, int k, Func<int, bool>? include)
    {
        var shortlist = Math.Max(k * Oversample, MinShortlist);
        if (shortlist >= Rows) return VectorSearch.TopK(_vectors, _dimensions, query, k, include);

        Span<short> codes = _dimensions <= 2048 ? stackalloc short[_dimensions] : new short[_dimensions];
        Span<sbyte> quantized = _dimensions <= 2048 ? stackalloc sbyte[_dimensions] : new sbyte[_dimensions];
        Quantize(query, quantized);
        for (var i = 0; i < codes.Length; i++) codes[i] = quantized[i];

        // Min-heap of the best shortlist so far, by approximate score: the root is the weakest kept.
        var heap = new PriorityQueue<int, float>(shortlist + 1);
        for (var row = 0; row < Rows; row++)
        {
            if (include is not null && !include(row)) continue;
            var score = Dot(new ReadOnlySpan<sbyte>(_codes, row * _dimensions, _dimensions), codes) * _inverseScales[row];
            if (heap.Count < shortlist) heap.Enqueue(row, score);
            else if (heap.TryPeek(out _, out var weakest) && score > weakest) heap.EnqueueDequeue(row, score);
        }

        var exact = new PriorityQueue<int, float>(k + 1);
        while (heap.TryDequeue(out var row, out _))
        {
            var score = TensorPrimitives.Dot(new ReadOnlySpan<float>(_vectors, row * _dimensions, _dimensions), query);
            if (exact.Count < k) exact.Enqueue(row, score);
            else if (exact.TryPeek(out _, out var weakest) && score > weakest) exact.EnqueueDequeue(row, score);
        }
        var result = new List<(int, float)>(exact.Count);
        while (exact.TryDequeue(out var row, out var score)) result.Add((row, score));
        result.Reverse();
        return result;
    }

    /// <summary>Writes <paramref name="vector"/> as integers with its largest component at ±127; returns the factor back.</summary>
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = vector.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (largest == 0)
        {
            codes.Clear();
            return 0f;
        }
        var factor = 127f / largest;
        for (var i = 0; i < vector.Length; i++) codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * factor), -127, 127);
        return 1f / factor;
    }

    /// <summary>
    /// The integer dot product of a row and the query (already widened to 16 bits). With AVX2, 32 components a
    /// step: widened to 16 bits and multiplied pairwise into 32-bit sums (127 × 127 × 2 fits); elsewhere one at a time.
    /// </summary>
    internal static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && row.Length >= Vector256<sbyte>.Count)
        {
            ref var r = ref MemoryMarshal.GetReference(row);
            ref var q = ref MemoryMarshal.GetReference(query);
            var acc = Vector256<int>.Zero;
            for (; i <= row.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(lower, Vector256.LoadUnsafe(ref q, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(upper, Vector256.LoadUnsafe(ref q, (nuint)(i + Vector256<short>.Count)));
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < row.Length; i++) sum += row[i] * query[i];
        return sum;
    }
}
