using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Ask.Core.Answering;

/// <summary>
/// What the model is asked for — only what it must decide: the answer text and, per marker, which
/// numbered source it used, the verbatim quote and the time. Titles, speakers and links are filled in
/// from the retrieved chunk, never taken from the model. The JSON schema sent to the provider is
/// generated from these types.
/// </summary>
[Description("An answer to the question, citing the numbered sources.")]
public sealed record DraftAnswer(
    [property: JsonPropertyName("status"), Description("answered when the sources answer the question; not_in_archive when they do not.")]
    DraftStatus Status,
    [property: JsonPropertyName("answer"), Description("The answer. Every claim ends with a marker like [1] that names a citation.")]
    string Answer,
    [property: JsonPropertyName("citations"), Description("One entry per marker used in the answer.")]
    IReadOnlyList<DraftCitation> Citations);

[JsonConverter(typeof(JsonStringEnumConverter<DraftStatus>))]
public enum DraftStatus
{
    [JsonStringEnumMemberName("answered")] Answered,
    [JsonStringEnumMemberName("not_in_archive")] NotInArchive,
}

public sealed record DraftCitation(
    [property: JsonPropertyName("marker"), Description("The number inside the marker, e.g. 1 for [1].")]
    int Marker,
    [property: JsonPropertyName("source"), Description("The number of the source the quote is from.")]
    int Source,
    [property: JsonPropertyName("quote"), Description("Words copied exactly from that source that support the claim.")]
    string Quote,
    [property: JsonPropertyName("start"), Description("The time label of the source line where the quote begins, e.g. 20:17 or 1:02:03.")]
    string Start);
