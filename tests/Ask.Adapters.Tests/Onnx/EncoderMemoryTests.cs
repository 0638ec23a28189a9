using Ask.Adapters.Onnx;

namespace Ask.Adapters.Tests.Onnx;

/// <summary>
/// Ingest keeps its memory bounded by giving ONNX Runtime's buffers back after each inference (no arena,
/// large blocks mapped one by one). That must not change a single vector: the index and every score
/// built before stay valid.
/// </summary>
public sealed class EncoderMemoryTests
{
    [Fact]
    public async Task VectorsAreBitForBitTheSameWithAndWithoutTheArena()
    {
        // Batches of different lengths and shapes, as an ingest sends them: long chunks, then short sentences.
        var chunk = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Sentence {i} says the warehouse bill tripled after the migration."));
        var texts = new[] { chunk, chunk[..400], "vendor lock-in", "What did Ravi say about monitoring?", chunk[..1200] };
        using var withArena = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MemoryArena = true });
        using var without = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MemoryArena = false });

        for (var round = 0; round < 2; round++)
        {
            var a = await withArena.GenerateAsync(texts);
            var b = await without.GenerateAsync(texts);
            for (var i = 0; i < texts.Length; i++)
                Assert.True(a[i].Vector.Span.SequenceEqual(b[i].Vector.Span), $"text {i}, round {round}: the vectors differ");
        }
    }

    [LinuxFact]
    public void TheCLibraryTakesTheAllocatorSettingsOnLinux() => Assert.True(NativeHeap.TryApply());

    private sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!OperatingSystem.IsLinux()) Skip = "mallopt is a glibc call; elsewhere nothing is changed";
        }
    }
}
