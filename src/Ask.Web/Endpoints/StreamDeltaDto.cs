using System.Text.Json.Serialization;

namespace Ask.Web.Endpoints;

/// <summary>The stream's <c>delta</c> event: the next few words of the validated answer.</summary>
public sealed record StreamDeltaDto([property: JsonPropertyName("text")] string Text);
