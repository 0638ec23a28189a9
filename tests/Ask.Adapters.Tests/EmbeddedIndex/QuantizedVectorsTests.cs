using Ask.Adapters.EmbeddedIndex;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>
/// The embedded store's dense search scans 8-bit copies of the vectors and scores a shortlist exactly; it must
/// return what the exact scan of every float vector returns.
/// </summary>
public sealed class QuantizedVectorsTests
{
    private static float[] Rows(int rows, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[rows * dimensions];
        for (var row = 0; row < rows; row++)
        {
            var normalised = VectorSearch.Normalize(Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());
            normalised.CopyTo(vectors, row * dimensions);
        }
        return vectors;
    }

    [Theory]
    [InlineData(384)]
    [InlineData(33)]
    [InlineData(7)]
    public void Dot_AnyLength_EqualsTheComponentSum(int dimensions)
    {
        var random = new Random(dimensions);
        var row = Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var query = Enumerable.Range(0, dimensions).Select(_ => (short)random.Next(-127, 128)).ToArray();
        var expected = Enumerable.Range(0, dimensions).Sum(i => row[i] * query[i]);

        Assert.Equal(expected, QuantizedVectors.Dot(row, query));
    }

    [Fact]
    public void TopK_MoreRowsThanTheShortlist_ReturnsTheExactRowsAndScores()
    {
        const int dimensions = 64;
        var vectors = Rows(5_000, dimensions, seed: 1);
        var sut = QuantizedVectors.From(vectors, dimensions);
        var queries = Rows(20, dimensions, seed: 2);

        for (var q = 0; q < 20; q++)
        {
            var query = queries.AsSpan(q * dimensions, dimensions);
            var exact = VectorSearch.TopK(vectors, dimensions, query, 50, null);
            var fast = sut.TopK(query, 50, null);
            Assert.Equal(exact, fast);
        }
    }

    [Fact]
    public void TopK_NearDuplicateRows_KeepsEveryCopyOfTheBest()
    {
        // Four copies of each row moved by noise of length 0.1, like the scale bench's synthetic archives.
        const int dimensions = 64;
        var originals = Rows(1_000, dimensions, seed: 3);
        var random = new Random(4);
        var vectors = new float[originals.Length * 4];
        for (var copy = 0; copy < 4; copy++)
            for (var row = 0; row < 1_000; row++)
            {
                var moved = originals.AsSpan(row * dimensions, dimensions).ToArray();
                for (var i = 0; i < dimensions; i++) moved[i] += copy == 0 ? 0 : (float)((random.NextDouble() * 2 - 1) * 0.1 * Math.Sqrt(3.0 / dimensions));
                VectorSearch.Normalize(moved).CopyTo(vectors, (copy * 1_000 + row) * dimensions);
            }
        var sut = QuantizedVectors.From(vectors, dimensions);

        var query = originals.AsSpan(17 * dimensions, dimensions);
        var fast = sut.TopK(query, 50, null);

        Assert.Equal(VectorSearch.TopK(vectors, dimensions, query, 50, null), fast);
        Assert.Equal(new[] { 17, 1_017, 2_017, 3_017 }, fast.Take(4).Select(r => r.Row).Order());
    }

    [Fact]
    public void TopK_WithAFilter_ReturnsOnlyIncludedRows()
    {
        const int dimensions = 32;
        var vectors = Rows(3_000, dimensions, seed: 5);
        var sut = QuantizedVectors.From(vectors, dimensions);
        var query = vectors.AsSpan(10 * dimensions, dimensions).ToArray();

        var fast = sut.TopK(query, 10, row => row % 2 == 1);

        Assert.All(fast, r => Assert.Equal(1, r.Row % 2));
        Assert.Equal(VectorSearch.TopK(vectors, dimensions, query, 10, row => row % 2 == 1), fast);
        Assert.DoesNotContain(fast, r => r.Row == 10);
    }

    [Fact]
    public void TopK_FewerRowsThanTheShortlist_ScansExactly()
    {
        const int dimensions = 16;
        var vectors = Rows(QuantizedVectors.MinShortlist - 1, dimensions, seed: 6);
        var sut = QuantizedVectors.From(vectors, dimensions);
        var query = vectors.AsSpan(0, dimensions).ToArray();

        Assert.Equal(VectorSearch.TopK(vectors, dimensions, query, 5, null), sut.TopK(query, 5, null));
    }
}
