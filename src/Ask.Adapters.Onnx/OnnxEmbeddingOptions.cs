namespace Ask.Adapters.Onnx;

public sealed class OnnxEmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>Which bundled encoder to use. Default <see cref="LocalEmbeddingModel.MiniLM"/>.</summary>
    public LocalEmbeddingModel Model { get; set; } = LocalEmbeddingModel.MiniLM;

    /// <summary>
    /// Threads ONNX Runtime may use inside one inference. Default 0: one per logical processor
    /// (ONNX Runtime's own default counts physical cores, which on a 2-vCPU machine can be one).
    /// </summary>
    public int IntraOpThreads { get; set; }
}
