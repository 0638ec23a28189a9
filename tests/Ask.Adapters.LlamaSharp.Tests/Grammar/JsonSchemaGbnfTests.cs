using Ask.Answering.ChatModel.Schema;
using Ask.Adapters.LlamaSharp.Grammar;
using Ask.Adapters.LlamaSharp.Tests.Support;

namespace Ask.Adapters.LlamaSharp.Tests.Grammar;

/// <summary>Converted grammars judged by llama.cpp's grammar engine: what the schema accepts, and nothing else.</summary>
public sealed class JsonSchemaGbnfTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private bool Accepts(string schema, string json) =>
        GrammarMatcher.Accepts(tiny.Shared.Loaded.Weights, JsonSchemaGbnf.Convert(schema), json);

    private static readonly string Draft = BoundedDraftAnswerSchema.Schema.GetRawText();

    [Theory]
    [InlineData("""{"status":"answered","answer":"Kubeflow is a pain [1].","citations":[{"marker":1,"source":2,"quote":"Kubeflow is a pain","start":"1:15"}]}""")]
    [InlineData("""{"status":"not_in_archive","answer":"The archive does not cover it.","citations":[]}""")]
    [InlineData("{\n  \"status\": \"answered\",\n  \"answer\": \"He said \\\"no\\\" \\\\ \\u00e9t\\u00E9 \\n [1]\",\n  \"citations\": [ {\"marker\": 1, \"source\": 10, \"quote\": \"été — ok\", \"start\": \"1:02:03\"} ]\n}")]
    public void DraftAnswer_ValidReplies_Accepted(string json) => Assert.True(Accepts(Draft, json), json);

    [Theory]
    [InlineData("""{"status":"answered","answer":"x","citations":[]} trailing""", "text after the object")]
    [InlineData("""{"answer":"x","status":"answered","citations":[]}""", "properties out of the schema's order")]
    [InlineData("""{"status":"answered","answer":"x"}""", "a required property missing")]
    [InlineData("""{"status":"answered","answer":"x","citations":[],"extra":1}""", "an extra property")]
    [InlineData("""{"status":"maybe","answer":"x","citations":[]}""", "a value outside the enum")]
    [InlineData("""{"status":"answered","answer":"x","citations":[{"marker":"1","source":1,"quote":"q","start":"1:00"}]}""", "a string for an integer")]
    [InlineData("""{"status":"answered","answer":"x","citations":[{"marker":-1,"source":1,"quote":"q","start":"1:00"}]}""", "a negative marker")]
    [InlineData("""{"status":"answered","answer":"x","citations":[{"marker":01,"source":1,"quote":"q","start":"1:00"}]}""", "a leading zero")]
    [InlineData("{\"status\":\"answered\",\"answer\":\"line\nbreak\",\"citations\":[]}", "a raw line break inside a string")]
    [InlineData("""{"status":"answered","answer":"bad \q escape","citations":[]}""", "an invalid escape")]
    [InlineData("""{"status":"answered","answer":"x","citations":[{"marker":1,"source":1,"quote":"q","start":"1:00:00:00:00:00"}]}""", "a start longer than its maxLength")]
    [InlineData("""{"status":"answered","answer":"x","citations":[1]}""", "a number where an object belongs")]
    public void DraftAnswer_InvalidReplies_Rejected(string json, string why) => Assert.False(Accepts(Draft, json), why);

    [Fact]
    public void DraftAnswer_TooManyCitations_Rejected()
    {
        var citation = """{"marker":1,"source":1,"quote":"q","start":"1:00"}""";
        string Reply(int n) => $$"""{"status":"answered","answer":"x","citations":[{{string.Join(",", Enumerable.Repeat(citation, n))}}]}""";

        Assert.True(Accepts(Draft, Reply(BoundedDraftAnswerSchema.Citations)));
        Assert.False(Accepts(Draft, Reply(BoundedDraftAnswerSchema.Citations + 1)));
    }

    [Theory]
    [InlineData("\"text\"", true)]
    [InlineData("null", true)]
    [InlineData("1", false)]
    public void NullableString_TypeArray(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"type":["string","null"]}""", json));

    [Theory]
    [InlineData("7", true)]
    [InlineData("null", true)]
    [InlineData("\"7\"", false)]
    public void NullableInteger_AnyOf(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"anyOf":[{"type":"integer"},{"type":"null"}]}""", json));

    [Theory]
    [InlineData("0", true)]
    [InlineData("-12.5e-3", true)]
    [InlineData("3.25", true)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("+1", false)]
    public void Numbers(string json, bool accepted) => Assert.Equal(accepted, Accepts("""{"type":"number"}""", json));

    [Theory]
    [InlineData("[]", false)]
    [InlineData("[true]", true)]
    [InlineData("[true, false,true]", true)]
    [InlineData("[true,false,true,false]", false)]
    public void ArrayBounds(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":3}""", json));

    [Theory]
    [InlineData("\"ab\"", true)]
    [InlineData("\"a\"", false)]
    [InlineData("\"\\u0041\\n\\t\"", true)]
    [InlineData("\"abcd\"", false)]
    public void StringLengthCountsCharactersNotBytes(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"type":"string","minLength":2,"maxLength":3}""", json));

    [Theory]
    [InlineData("\"\\ud83d\\ude80\"", true)]
    [InlineData("\"\\uD7FF\\uE000\"", true)]
    [InlineData("\"\\ud800\"", false)]
    [InlineData("\"\\udc00\\ud800\"", false)]
    public void UnicodeEscapes_OnlyWholeSurrogatePairs(string json, bool accepted)
    {
        Assert.Equal(accepted, Accepts("""{"type":"string"}""", json));
        if (accepted) Assert.NotNull(System.Text.Json.JsonSerializer.Deserialize<string>(json));
    }

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""{"a":1,"b":"x"}""", true)]
    [InlineData("""{"b":"x"}""", false)]
    public void OptionalPropertyAfterRequired(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""", json));

    [Theory]
    [InlineData("1", true)]
    [InlineData("\"two\"", true)]
    [InlineData("null", true)]
    [InlineData("2", false)]
    [InlineData("\"he said \\\"hi\\\"\"", true)]
    public void EnumOfMixedValues(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts("""{"enum":[1,"two",null,"he said \"hi\""]}""", json));

    [Theory]
    [InlineData("""{"v":1,"kids":[]}""", true)]
    [InlineData("""{"v":1,"kids":[{"v":2,"kids":[{"v":3,"kids":[]}]}]}""", true)]
    [InlineData("""{"v":1,"kids":[{"v":2}]}""", false)]
    public void RecursiveRef(string json, bool accepted) =>
        Assert.Equal(accepted, Accepts(
            """{"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["v","kids"],"additionalProperties":false}}}""",
            json));

    [Theory]
    [InlineData("""{"type":"object"}""", "$", "free-form")]
    [InlineData("""{"type":"object","properties":{"a":{"allOf":[{"type":"string"}]}},"required":["a"]}""", "$.a", "allOf")]
    [InlineData("""{"type":"object","properties":{"a":{"description":"no type"}},"required":["a"]}""", "$.a", "without 'type'")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", "$", "all optional")]
    [InlineData("""{"type":"array","items":{"$ref":"#/$defs/missing"}}""", "$[]", "points at nothing")]
    [InlineData("""{"type":"string","format":"date","maxLength":-1}""", "$", "maxLength")]
    public void Unsupported_NamesWhere(string schema, string path, string what)
    {
        var error = Assert.Throws<NotSupportedException>(() => JsonSchemaGbnf.Convert(schema));
        Assert.Contains($"at {path}:", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void DraftAnswer_RuleForEachPartInSchemaOrder()
    {
        var gbnf = JsonSchemaGbnf.Convert(Draft);

        Assert.StartsWith("root ::= ", gbnf);
        var statusAt = gbnf.IndexOf("\"\\\"status\\\"\"", StringComparison.Ordinal);
        var answerAt = gbnf.IndexOf("\"\\\"answer\\\"\"", StringComparison.Ordinal);
        var citationsAt = gbnf.IndexOf("\"\\\"citations\\\"\"", StringComparison.Ordinal);
        Assert.True(statusAt > 0 && statusAt < answerAt && answerAt < citationsAt, gbnf);
        Assert.Contains("char{0,1200}", gbnf);
    }
}
