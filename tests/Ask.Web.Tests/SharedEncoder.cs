using System.Collections.Concurrent;
using Ask.Adapters.Onnx;
using Ask.Hosting;
using Microsoft.Extensions.AI;

namespace Ask.Web.Tests;

/// <summary>
/// The bundled encoder, loaded once for the whole test run and shared by every service the tests start. Each
/// service would otherwise load its own ONNX session and embed the same sample episodes again (their sentence
/// vectors alone take seconds per start). Document vectors are kept by text: the encoder is deterministic, so a
/// kept vector is the one it would compute again. Queries and any request with options pass straight through.
/// </summary>
internal sealed class SharedEncoder : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly Lazy<SharedEncoder> _instance = new(() => new SharedEncoder(new OnnxEmbeddingGenerator(new EmbeddingSettings().ToOnnx())));

    private readonly ConcurrentDictionary<string, float[]> _documents = new(StringComparer.Ordinal);

    private SharedEncoder(IEmbeddingGenerator<string, Embedding<float>> encoder) : base(encoder)
    {
    }

    public static SharedEncoder Instance => _instance.Value;

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options is not null) return await base.GenerateAsync(values, options, cancellationToken);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var missing = texts.Where(t => !_documents.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var made = await base.GenerateAsync(missing, null, cancellationToken);
            for (var i = 0; i < missing.Length; i++) _documents.TryAdd(missing[i], made[i].Vector.ToArray());
        }
        // A copy each time: no service can change what another one is given.
        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(_documents[t].ToArray()) { ModelId = Metadata?.DefaultModelId }));
    }

    private EmbeddingGeneratorMetadata? Metadata => InnerGenerator.GetService(typeof(EmbeddingGeneratorMetadata)) as EmbeddingGeneratorMetadata;

    /// <summary>Shared for the life of the test process; the services that use it never own it.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
