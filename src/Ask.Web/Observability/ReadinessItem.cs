using System.Text.Json.Serialization;

namespace Ask.Web.Observability;

/// <summary>One line of <c>/ready</c>: whether a dependency is fine, and what was seen.</summary>
public sealed record ReadinessItem(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("detail")] string Detail);
