namespace Ask.Adapters.Onnx;

public sealed class OnnxEmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>Which bundled encoder to use. Default <see cref="LocalEmbeddingModel.MiniLM"/>.</summary>
    public LocalEmbeddingModel Model { get; set; } = LocalEmbeddingModel.MiniLM;

    /// <summary>
    /// Threads ONNX Runtime may use inside one inference; 0 means one per logical processor. Default 1:
    /// a service embeds many questions side by side and ingest embeds batches side by side
    /// (<c>Ingestion:EmbeddingConcurrency</c>), so the cores are busy anyway, and splitting one inference
    /// across them only adds synchronisation — measured on 2 cores, <c>/api/chat</c> at concurrency 8 went
    /// from p95 168 ms with 2 threads to 84 ms with 1 (README).
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Let ONNX Runtime keep its memory arena and per-shape memory plans between inferences. Default true: the
    /// arena keeps what the largest inference needed, which ingest bounds by capping each call
    /// (<c>Ingestion:EmbeddingBatchCharacters</c>); without it a process is smaller still but embeds about a third
    /// slower (docs/bad-input.md#memory). The vectors are bit for bit the same either way.
    /// </summary>
    public bool MemoryArena { get; set; } = true;
}
