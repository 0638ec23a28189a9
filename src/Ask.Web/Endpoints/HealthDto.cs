using System.Text.Json.Serialization;

namespace Ask.Web.Endpoints;

/// <summary>The body of <c>GET /health</c>: states only, never a path, an address or exception text.</summary>
public sealed record HealthDto(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("index")] string Index,
    [property: JsonPropertyName("chunks")] long? Chunks,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("error")] string? Error);
