namespace Ask.Core.Ingestion;

/// <summary>
/// An embedder that serves some vectors from an earlier run (the embedding cache) says how many, so an
/// ingest can tell vectors computed from vectors reused; found with <c>embedder.GetService&lt;IEmbeddingReuse&gt;()</c>.
/// </summary>
public interface IEmbeddingReuse
{
    /// <summary>Vectors served without running the encoder since the embedder was created.</summary>
    int Reused { get; }
}
