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

    private static TextVectorTable WrittenAndRead(TextVectorTable.Rows rows, int dimensions)
    {
        using var file = new MemoryStream();
        rows.Write(file);
        file.Position = 0;
        return TextVectorTable.Read(file, "table", dimensions);
    }
}
