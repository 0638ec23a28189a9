using Ask.Adapters.Onnx;

namespace Ask.Adapters.Tests.Onnx;

/// <summary>
/// Ingest keeps its memory bounded by capping each call to the encoder (texts grouped by length, see
/// <c>EmbeddingBatches</c>) and, in the low-memory mode, by giving ONNX Runtime's buffers back after each
/// inference. Neither may change a single vector: the index and every score built before stay valid.
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

    [Fact]
    public async Task AVectorDoesNotDependOnTheOtherTextsOfItsCall()
    {
        // Padding to the longest text of a call, and the call's size, must not reach a text's own vector:
        // grouping texts by length instead of by their order is then free.
        var chunk = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Sentence {i} says the warehouse bill tripled after the migration."));
        var texts = new[] { chunk[..900], "vendor lock-in", chunk[..300], "What did Ravi say about monitoring?", chunk[..1200], "ok" };
        using var encoder = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions());

        var together = await encoder.GenerateAsync(texts);
        var shortFirst = texts.Select((t, i) => (t, i)).OrderBy(x => x.t.Length).ToArray();
        var inPairs = new ReadOnlyMemory<float>[texts.Length];
        for (var p = 0; p < shortFirst.Length; p += 2)
        {
            var pair = await encoder.GenerateAsync(shortFirst.Skip(p).Take(2).Select(x => x.t));
            inPairs[shortFirst[p].i] = pair[0].Vector;
            inPairs[shortFirst[p + 1].i] = pair[1].Vector;
        }
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = (await encoder.GenerateAsync([texts[i]]))[0].Vector;
            Assert.True(together[i].Vector.Span.SequenceEqual(alone.Span), $"text {i}: alone differs from all six in one call");
            Assert.True(together[i].Vector.Span.SequenceEqual(inPairs[i].Span), $"text {i}: in pairs by length differs from all six in one call");
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
