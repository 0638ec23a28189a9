using System.Numerics.Tensors;
using Ask.Adapters.EmbeddedIndex;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>A stored text's vector can be read back from the file (for copying an index without embedding) in its 8-bit rounding.</summary>
public sealed class TextVectorTableTests
{
    [Fact]
    public void VectorOf_StoredText_PointsWhereTheOriginalDid()
    {
        var random = new Random(7);
        var original = Enumerable.Range(0, 48).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var rows = new TextVectorTable.Rows(48);
        rows.Add("episode-1", "Vendor lock-in had three parts.", original);
        var sut = WrittenAndRead(rows, 48);

        var vector = sut.VectorOf("Vendor lock-in had three parts.");

        Assert.NotNull(vector);
        Assert.Equal(48, vector.Length);
        Assert.True(TensorPrimitives.CosineSimilarity(original, vector) > 0.999f);
        Assert.Equal(127f, vector.Max(MathF.Abs));
    }

    [Fact]
    public void VectorOf_TextNeverStored_IsNull()
    {
        var rows = new TextVectorTable.Rows(8);
        rows.Add("episode-1", "stored", new float[] { 1, 0, 0, 0, 0, 0, 0, 0 });

        Assert.Null(WrittenAndRead(rows, 8).VectorOf("never stored"));
    }

    [Fact]
    public void VectorOf_WrittenAgain_GivesTheSameBytes()
    {
        // Random directions at many scales, plus the rows where rounding is closest to a tie: a component exactly
        // half a step from the next code, a single non-zero component, and all zeros.
        var random = new Random(11);
        const int dims = 64;
        var originals = Enumerable.Range(0, 500)
            .Select(i => Enumerable.Range(0, dims).Select(_ => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, i % 9 - 4))).ToArray())
            .Append(Enumerable.Range(0, dims).Select(d => d == 0 ? 1f : (d % 2 == 0 ? 0.5f : -0.5f) / 127f).ToArray())
            .Append(Enumerable.Range(0, dims).Select(d => d == 5 ? -3f : 0f).ToArray())
            .Append(new float[dims])
            .ToList();
        var first = new TextVectorTable.Rows(dims);
        for (var i = 0; i < originals.Count; i++) first.Add("episode-1", $"text {i}", originals[i]);
        var firstBytes = Bytes(first);
        var table = TextVectorTable.Read(new MemoryStream(firstBytes), "table", dims);

        var again = new TextVectorTable.Rows(dims);
        for (var i = 0; i < originals.Count; i++) again.Add("episode-1", $"text {i}", table.VectorOf($"text {i}")!);

        Assert.Equal(firstBytes, Bytes(again));
    }

    private static byte[] Bytes(TextVectorTable.Rows rows)
    {
        using var file = new MemoryStream();
        rows.Write(file);
        return file.ToArray();
    }

    private static TextVectorTable WrittenAndRead(TextVectorTable.Rows rows, int dimensions)
    {
        using var file = new MemoryStream();
        rows.Write(file);
        file.Position = 0;
        return TextVectorTable.Read(file, "table", dimensions);
    }
}
