using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;

namespace Ask.Answering.ChatModel.Schema;

/// <summary>
/// The JSON schema sent as <c>response_format</c>, generated from the C# contract <see cref="DraftAnswer"/>
/// and then made to fit strict structured outputs, which every provider gets (see docs/failure-modes.md#17-schemas-generated-wrong-from-c-types): SK's own <c>typeof(T)</c> path has
/// produced invalid names and duplicated <c>"null"</c> types, so the schema is built here and checked.
/// </summary>
internal static class DraftAnswerSchema
{
    /// <summary>Matches <c>^[a-zA-Z0-9_-]+$</c>, as <c>json_schema.name</c> must.</summary>
    public const string Name = "draft_answer";

    // Strict number handling keeps integers "integer" (web defaults would allow numeric strings and add a
    // pattern); respecting nullable annotations keeps non-nullable strings and lists from gaining "null".
    private static readonly JsonSerializerOptions _serializer = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
    };

    private static readonly AIJsonSchemaCreateOptions _create = new()
    {
        IncludeSchemaKeyword = false,
        TransformOptions = new AIJsonSchemaTransformOptions
        {
            DisallowAdditionalProperties = true,
            RequireAllProperties = true,
            MoveDefaultKeywordToDescription = true,
            ConvertBooleanSchemas = true,
        },
    };

    private static readonly Lazy<string> _json = new(Create);
    private static readonly Lazy<JsonElement> _element = new(() => JsonDocument.Parse(Json).RootElement.Clone());

    /// <summary>The schema for strict structured outputs, as JSON text.</summary>
    public static string Json => _json.Value;

    /// <summary><see cref="Json"/> as a <see cref="JsonElement"/>, the form <see cref="ChatResponseFormat.ForJsonSchema(JsonElement, string?, string?)"/> takes.</summary>
    public static JsonElement Element => _element.Value;

    private static string Create()
    {
        var generated = AIJsonUtilities.CreateJsonSchema(typeof(DraftAnswer), serializerOptions: _serializer, inferenceOptions: _create);
        var schema = JsonNode.Parse(generated.GetRawText())!.AsObject();
        StrictSchema.Enforce(schema);
        var problems = StrictSchema.FindViolations(schema);
        if (problems.Count > 0)
            throw new InvalidOperationException($"The {nameof(DraftAnswer)} schema does not fit strict structured outputs: {string.Join("; ", problems)}");
        return schema.ToJsonString();
    }
}
