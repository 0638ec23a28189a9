using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ask.Answering.ChatModel.Schema;

/// <summary>
/// The same <see cref="Ask.Core.Answering.DraftAnswer"/> schema strict providers get, with length limits
/// added. Strict structured outputs forbid them, but a grammar can enforce them: no string or list can
/// run on until the output limit, so a small or confused model still closes its JSON.
/// </summary>
internal static class BoundedDraftAnswerSchema
{
    /// <summary>Room for the prompt's "at most four sentences" with markers.</summary>
    public const int AnswerChars = 1200;

    /// <summary>A quote is "a few words up to one sentence".</summary>
    public const int QuoteChars = 400;

    /// <summary>A time label: <c>20:17</c>, <c>1:02:03</c>.</summary>
    public const int StartChars = 12;

    public const int Citations = 8;

    private static readonly Lazy<JsonElement> _schema = new(Create);

    public static JsonElement Schema => _schema.Value;

    private static JsonElement Create()
    {
        var schema = JsonNode.Parse(DraftAnswerSchema.Json)!.AsObject();
        var properties = schema["properties"]!.AsObject();
        properties["answer"]!["maxLength"] = AnswerChars;
        var citations = properties["citations"]!.AsObject();
        citations["maxItems"] = Citations;
        var citation = citations["items"]!["properties"]!.AsObject();
        citation["quote"]!["maxLength"] = QuoteChars;
        citation["start"]!["maxLength"] = StartChars;
        // Numbers of markers and sources are never negative, and small: an int field reads them.
        citation["marker"]!["minimum"] = 0;
        citation["source"]!["minimum"] = 0;
        citation["marker"]!["maximum"] = 999;
        citation["source"]!["maximum"] = 999;
        return JsonSerializer.SerializeToElement(schema);
    }
}
