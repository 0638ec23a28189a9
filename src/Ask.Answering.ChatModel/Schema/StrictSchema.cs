using System.Text.Json.Nodes;

namespace Ask.Answering.ChatModel.Schema;

/// <summary>
/// The subset of JSON Schema that strict structured outputs accept (anything else is a 400): every object closed with
/// <c>additionalProperties: false</c> and every property required, no <c>format</c>/<c>pattern</c>/<c>default</c>
/// and similar keywords, nesting of at most five levels, and no duplicated types.
/// </summary>
internal static class StrictSchema
{
    public const int MaxDepth = 5;

    private static readonly string[] _unsupported =
        ["$schema", "$id", "format", "pattern", "default", "minLength", "maxLength", "minimum", "maximum",
         "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "title", "examples"];

    /// <summary>Rewrites <paramref name="schema"/> in place to fit the subset.</summary>
    public static void Enforce(JsonNode? schema)
    {
        if (schema is JsonArray array)
        {
            foreach (var item in array) Enforce(item);
            return;
        }
        if (schema is not JsonObject node) return;

        foreach (var keyword in _unsupported) node.Remove(keyword);
        if (node["type"] is JsonArray types)
        {
            var distinct = types.Select(t => t!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToArray();
            node["type"] = distinct.Length == 1 ? JsonValue.Create(distinct[0]) : new JsonArray(distinct.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        }
        if (node["properties"] is JsonObject properties)
        {
            node["additionalProperties"] = false;
            node["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Key)!).ToArray());
        }
        foreach (var child in node.ToArray())
        {
            if (child.Key == "properties" && child.Value is JsonObject props)
            {
                foreach (var property in props) Enforce(property.Value);
            }
            else if (child.Value is JsonObject or JsonArray && child.Key is not ("required" or "enum" or "type"))
            {
                Enforce(child.Value);
            }
        }
    }

    /// <summary>What keeps <paramref name="schema"/> from the subset; empty when it fits.</summary>
    public static IReadOnlyList<string> FindViolations(JsonNode schema)
    {
        var problems = new List<string>();
        Visit(schema, "$", depth: 1, problems);
        return problems;
    }

    private static void Visit(JsonNode? schema, string path, int depth, List<string> problems)
    {
        if (schema is not JsonObject node) return;
        foreach (var keyword in _unsupported)
            if (node.ContainsKey(keyword)) problems.Add($"{path} has unsupported keyword '{keyword}'");
        if (node["type"] is JsonArray types)
        {
            var names = types.Select(t => t?.GetValue<string>()).ToArray();
            if (names.Distinct().Count() != names.Length) problems.Add($"{path} repeats a type in [{string.Join(",", names)}]");
        }
        var isObject = node["type"] is JsonValue t && t.GetValue<string>() == "object"
            || node["type"] is JsonArray a && a.Any(x => x?.GetValue<string>() == "object");
        if (isObject)
        {
            if (depth > MaxDepth) problems.Add($"{path} is nested {depth} levels deep (limit {MaxDepth})");
            if (node["additionalProperties"] is not JsonValue ap || ap.GetValue<bool>())
                problems.Add($"{path} lacks additionalProperties: false");
            var properties = (node["properties"] as JsonObject)?.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray() ?? [];
            var required = (node["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray() ?? [];
            if (!properties.SequenceEqual(required))
                problems.Add($"{path} requires [{string.Join(",", required)}] but has properties [{string.Join(",", properties)}]");
        }
        if (node["properties"] is JsonObject props)
            foreach (var property in props) Visit(property.Value, $"{path}.{property.Key}", depth + 1, problems);
        if (node["items"] is JsonObject items) Visit(items, $"{path}[]", depth + 1, problems);
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
            if (node[combinator] is JsonArray options)
                for (var i = 0; i < options.Count; i++) Visit(options[i], $"{path}.{combinator}[{i}]", depth, problems);
    }
}
