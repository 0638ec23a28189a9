using Microsoft.Extensions.AI;

namespace Ask.Testing.Embeddings;

/// <summary>
/// A deterministic stand-in for a sentence encoder: each lower-cased word adds to one of
/// <see cref="Dimensions"/> buckets, so texts sharing words are close. Counts its calls.
/// </summary>
public sealed class HashingEmbeddingGenerator(string modelId = "hashing-test", int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("test", null, modelId, dimensions);

    public int Dimensions => dimensions;
    private int _textsEmbedded;

    /// <summary>Texts embedded so far; safe to read while ingest embeds batches side by side.</summary>
    public int TextsEmbedded => Volatile.Read(ref _textsEmbedded);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            Interlocked.Increment(ref _textsEmbedded);
            result.Add(new Embedding<float>(Embed(text)) { ModelId = modelId });
        }
        return Task.FromResult(result);
    }

    private float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split((char[])[' ', '\n', '.', ',', '?', '!', ':', '—'], StringSplitOptions.RemoveEmptyEntries))
        {
            uint hash = 2166136261;
            foreach (var c in word) hash = (hash ^ c) * 16777619;
            vector[hash % (uint)dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0) vector[0] = 1;
        else for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
