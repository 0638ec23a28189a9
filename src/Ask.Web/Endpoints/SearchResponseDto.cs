using System.Text.Json.Serialization;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

/// <summary>The body of <c>GET /api/search</c>: the passages, best first, and where the time went.</summary>
public sealed record SearchResponseDto(
    [property: JsonPropertyName("passages")] IReadOnlyList<PassageDto> Passages,
    [property: JsonPropertyName("timings_ms")] IReadOnlyDictionary<string, double> TimingsMs)
{
    public static SearchResponseDto From(RetrievalResult result) => new(result.Passages.Select(PassageDto.From).ToArray(), result.TimingsMs);
}
