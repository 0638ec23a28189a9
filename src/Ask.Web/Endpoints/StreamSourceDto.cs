using System.Text.Json.Serialization;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

/// <summary>One retrieved moment of the stream's <c>sources</c> event, numbered as the answer will cite it.</summary>
public sealed record StreamSourceDto(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("passage")] PassageDto Passage);
