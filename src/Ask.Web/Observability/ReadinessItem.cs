using System.Text.Json.Serialization;

namespace Ask.Web.Observability;

/// <summary>
/// One line of <c>/ready</c>: whether a dependency is fine, and what was seen. <see cref="Warning"/> marks a
/// check that passes in a worse state than it should (the service can take traffic, an operator should look).
/// </summary>
public sealed record ReadinessItem(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("detail")] string Detail)
{
    [JsonPropertyName("warning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Warning { get; init; }
}
