using System.Text.Json.Serialization;
using Ask.Web.Observability;

namespace Ask.Web.Endpoints;

/// <summary>The body of <c>GET /ready</c>: <c>ready</c>, <c>degraded</c> or <c>not_ready</c>, and each check.</summary>
public sealed record ReadyDto(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, ReadinessItem> Checks);
