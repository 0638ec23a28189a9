using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ask.Adapters.LlamaSharp.Grammar;

/// <summary>
/// Converts a JSON schema into a GBNF grammar (llama.cpp's grammar format) whose sentences are exactly
/// the JSON documents the schema accepts, so sampling under it can only produce a parseable reply.
/// Covers what answer contracts use: objects (required properties in their listed order, then optional
/// ones), arrays (<c>minItems</c>/<c>maxItems</c>), strings with escapes (<c>minLength</c>/<c>maxLength</c>),
/// integers, numbers, booleans, <c>enum</c>/<c>const</c>, nullable types, <c>anyOf</c>/<c>oneOf</c> and
/// local <c>$ref</c>s. Anything else is refused with the path of the keyword, never silently widened.
/// </summary>
public static class JsonSchemaGbnf
{
    /// <summary>Most digits an integer part may have: enough for any 64-bit value, and a runaway model stops.</summary>
    public const int MaxDigits = 19;

    /// <exception cref="NotSupportedException">The schema uses a construct the converter cannot express; the message names where.</exception>
    public static string Convert(string schemaJson) =>
        Convert(JsonNode.Parse(schemaJson) ?? throw new ArgumentException("The JSON schema is empty.", nameof(schemaJson)));

    /// <inheritdoc cref="Convert(string)"/>
    public static string Convert(JsonNode schema)
    {
        var builder = new GbnfBuilder(schema);
        var root = builder.Visit(schema, "$", "root");
        builder.Define("root", root + " ws");
        return builder.Render();
    }

    private sealed class GbnfBuilder(JsonNode document)
    {
        private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _primitives = new(StringComparer.Ordinal);

        public void Define(string name, string body) => _rules[name] = body;

        public string Render()
        {
            var text = new StringBuilder();
            text.Append("root ::= ").Append(_rules["root"]).Append('\n');
            foreach (var (name, body) in _rules.Where(r => r.Key != "root"))
                text.Append(name).Append(" ::= ").Append(body).Append('\n');
            _primitives.Add("ws");
            foreach (var primitive in _primitives.Order(StringComparer.Ordinal))
                text.Append(primitive).Append(" ::= ").Append(Primitives[primitive]).Append('\n');
            return text.ToString();
        }

        /// <summary>Returns a grammar expression for <paramref name="schema"/>, adding the rules it needs.</summary>
        public string Visit(JsonNode? schema, string path, string hint)
        {
            if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
                throw Unsupported(path, allowed ? "'true' (any value)" : "'false' (no value)");
            if (schema is not JsonObject node)
                throw Unsupported(path, "a schema that is not an object");

            if (node["$ref"] is JsonValue reference)
                return Ref(reference.GetValue<string>(), path);
            if (node["const"] is { } constant)
                return Literal(constant);
            if (node["enum"] is JsonArray values)
            {
                if (values.Count == 0) throw Unsupported(path, "an empty enum");
                return Group(values.Select(Literal));
            }
            foreach (var combinator in new[] { "anyOf", "oneOf" })
            {
                if (node[combinator] is JsonArray options)
                    return Rule(hint, Group(options.Select((o, i) => Visit(o, $"{path}.{combinator}[{i}]", $"{hint}-{i}"))));
            }
            if (node["allOf"] is not null) throw Unsupported(path, "'allOf'");

            return node["type"] switch
            {
                JsonValue type => Typed(node, type.GetValue<string>(), path, hint),
                JsonArray types when types.Count > 0 => Rule(hint, Group(types.Select(t => Typed(node, t!.GetValue<string>(), path, hint + "-" + t)))),
                _ => throw Unsupported(path, "a schema without 'type'"),
            };
        }

        private string Typed(JsonObject node, string type, string path, string hint) => type switch
        {
            "object" => Object(node, path, hint),
            "array" => Array(node, path, hint),
            "string" => String(node, path, hint),
            "integer" => Integer(node, hint),
            "number" => Primitive("number"),
            "boolean" => Primitive("boolean"),
            "null" => Primitive("null"),
            _ => throw Unsupported(path, $"type '{type}'"),
        };

        private string Object(JsonObject node, string path, string hint)
        {
            var properties = node["properties"] as JsonObject ?? [];
            if (properties.Count == 0)
            {
                if (node["additionalProperties"] is JsonValue ap && !ap.GetValue<bool>()) return "\"{\" ws \"}\"";
                throw Unsupported(path, "an object without 'properties' (free-form objects have no fixed shape)");
            }
            var required = (node["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList() ?? [];
            foreach (var name in required)
                if (!properties.ContainsKey(name)) throw Unsupported(path, $"required property '{name}' missing from 'properties'");
            var optional = properties.Select(p => p.Key).Where(k => !required.Contains(k)).ToList();
            if (required.Count == 0)
                throw Unsupported(path, "an object whose properties are all optional; list at least one in 'required'");

            var members = new List<string>();
            foreach (var name in required.Concat(optional))
            {
                var value = Visit(properties[name], $"{path}.{name}", $"{hint}-{RuleName(name)}");
                members.Add($"{Literal(JsonValue.Create(name))} ws \":\" ws {value}");
            }
            var body = new StringBuilder("\"{\" ws ");
            for (var i = 0; i < members.Count; i++)
            {
                var separator = i == 0 ? "" : "\",\" ws ";
                body.Append(i < required.Count ? $"{separator}{members[i]} ws " : $"( {separator}{members[i]} ws )? ");
            }
            body.Append("\"}\"");
            return Rule(hint, body.ToString());
        }

        private string Array(JsonObject node, string path, string hint)
        {
            var min = Count(node, "minItems", path) ?? 0;
            var max = Count(node, "maxItems", path);
            if (max < min) throw Unsupported(path, $"maxItems {max} below minItems {min}");
            if (max == 0) return "\"[\" ws \"]\"";
            var item = Visit(node["items"] ?? throw Unsupported(path, "an array without 'items'"), path + "[]", hint + "-item");
            var next = $"( \",\" ws {item} ws )";
            var list = max == 1 ? $"{item} ws" : $"{item} ws {Repeat(next, Math.Max(min - 1, 0), max - 1)}";
            var body = min == 0 ? $"\"[\" ws ( {list} )? \"]\"" : $"\"[\" ws {list} \"]\"";
            return Rule(hint, body);
        }

        private string String(JsonObject node, string path, string hint)
        {
            var min = Count(node, "minLength", path) ?? 0;
            var max = Count(node, "maxLength", path);
            if (max < min) throw Unsupported(path, $"maxLength {max} below minLength {min}");
            Primitive("char");
            if (min == 0 && max is null) return Primitive("string");
            return max == 0 ? "\"\\\"\\\"\"" : Rule(hint, $"\"\\\"\" {Repeat("char", min, max)} \"\\\"\"");
        }

        private string Ref(string reference, string path)
        {
            if (_refs.TryGetValue(reference, out var known)) return known;
            if (!reference.StartsWith('#')) throw Unsupported(path, $"the non-local $ref '{reference}'");
            JsonNode? target = document;
            foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Uri.UnescapeDataString(segment).Replace("~1", "/").Replace("~0", "~");
                target = target switch
                {
                    JsonObject o when o.TryGetPropertyValue(key, out var child) => child,
                    JsonArray a when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < a.Count => a[index],
                    _ => throw Unsupported(path, $"the $ref '{reference}', which points at nothing"),
                };
            }
            // Named before it is visited, so a recursive reference resolves to the same rule.
            var name = Unique("ref-" + RuleName(reference.Split('/').Last()));
            _refs[reference] = name;
            _rules[name] = "";
            _rules[name] = Visit(target, reference, name);
            return name;
        }

        /// <summary>
        /// An integer; with <c>minimum</c> ≥ 0 a natural number, and with a <c>maximum</c> no more digits than
        /// it has — so a number the grammar lets through always fits the C# field it is read into (a
        /// runaway model wrote a 17-digit marker for an <c>int</c>).
        /// </summary>
        private string Integer(JsonObject node, string hint)
        {
            var natural = node["minimum"] is JsonValue min && min.GetValue<double>() >= 0;
            if (!natural || node["maximum"] is not JsonValue max || max.GetValue<double>() < 1) return Primitive(natural ? "natural" : "integer");
            var digits = ((long)max.GetValue<double>()).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            return Rule(hint, $"( \"0\" | [1-9] [0-9]{{0,{digits - 1}}} )");
        }

        private string Primitive(string name)
        {
            _primitives.Add(name);
            if (name == "string") Primitive("char");
            if (name == "char") _primitives.Add("unicode");
            return name;
        }

        private string Rule(string hint, string body)
        {
            var name = Unique(RuleName(hint));
            _rules[name] = body;
            return name;
        }

        private string Unique(string name)
        {
            if (name == "root") name = "root-value";
            var unique = name;
            for (var i = 2; _rules.ContainsKey(unique) || Primitives.ContainsKey(unique); i++) unique = $"{name}{i}";
            return unique;
        }

        private static int? Count(JsonObject node, string keyword, string path)
        {
            if (node[keyword] is not JsonValue value) return null;
            var count = value.GetValue<double>();
            if (count < 0 || count != Math.Floor(count) || count > 100_000)
                throw Unsupported(path, $"'{keyword}' of {count}");
            return (int)count;
        }

        private static NotSupportedException Unsupported(string path, string what) =>
            new($"JSON schema at {path}: {what} cannot be turned into a grammar.");
    }

    /// <summary>Shared rules; <c>ws</c> is bounded so a model cannot spend its whole budget on blanks.</summary>
    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["ws"] = "| \" \" | \"\\n\" [ \\t]{0,20}",
        // A \u escape is a code point outside the surrogates, or a whole surrogate pair: a lone half is
        // legal JSON text but no parser can turn it into a string.
        ["char"] = "[^\"\\\\\\x00-\\x1F\\x7F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" unicode )",
        ["unicode"] = "[0-9a-cA-Ce-fE-F] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2} | [dD] [89abAB] [0-9a-fA-F]{2} \"\\\\u\" [dD] [c-fC-F] [0-9a-fA-F]{2}",
        ["string"] = "\"\\\"\" char* \"\\\"\"",
        ["natural"] = $"( \"0\" | [1-9] [0-9]{{0,{MaxDigits - 1}}} )",
        ["integer"] = $"\"-\"? ( \"0\" | [1-9] [0-9]{{0,{MaxDigits - 1}}} )",
        ["number"] = $"\"-\"? ( \"0\" | [1-9] [0-9]{{0,{MaxDigits - 1}}} ) ( \".\" [0-9]{{1,{MaxDigits}}} )? ( [eE] [-+]? [0-9]{{1,3}} )?",
        ["boolean"] = "( \"true\" | \"false\" )",
        ["null"] = "\"null\"",
    };

    /// <summary>A GBNF literal matching exactly the JSON text of <paramref name="value"/>.</summary>
    private static string Literal(JsonNode? value)
    {
        var json = value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        var literal = new StringBuilder("\"");
        foreach (var c in json)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return literal.Append('"').ToString();
    }

    private static string Group(IEnumerable<string> alternatives)
    {
        var list = alternatives.ToList();
        return list.Count == 1 ? list[0] : "( " + string.Join(" | ", list) + " )";
    }

    private static string Repeat(string item, int min, int? max) => (min, max) switch
    {
        (0, null) => $"{item}*",
        (1, null) => $"{item}+",
        (_, null) => $"{item}{{{min},}}",
        _ when min == max => $"{item}{{{min}}}",
        _ => $"{item}{{{min},{max}}}",
    };

    /// <summary>GBNF rule names allow letters, digits and dashes.</summary>
    private static string RuleName(string text)
    {
        var name = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
            name.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var trimmed = name.ToString().Trim('-');
        return trimmed.Length == 0 ? "value" : trimmed;
    }
}
