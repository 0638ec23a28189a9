using Microsoft.Extensions.AI;

namespace Ask.Core.Retrieval;

/// <summary>
/// Marks an embedding request as a search query rather than a passage: asymmetric models (Arctic,
/// E5, ...) embed the two differently. Embedders that do not care ignore it.
/// </summary>
public static class QueryEmbedding
{
    public const string InputTypeProperty = "input_type";
    public const string QueryInputType = "query";

    public static EmbeddingGenerationOptions Options { get; } = new()
    {
        AdditionalProperties = new() { [InputTypeProperty] = QueryInputType },
    };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(InputTypeProperty, out var value) == true
        && Equals(value, QueryInputType);
}
