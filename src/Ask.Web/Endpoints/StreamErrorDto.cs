using System.Text.Json.Serialization;

namespace Ask.Web.Endpoints;

/// <summary>The stream's <c>error</c> event, sent when the answer fails after the stream began.</summary>
public sealed record StreamErrorDto(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("request_id")] string RequestId);
