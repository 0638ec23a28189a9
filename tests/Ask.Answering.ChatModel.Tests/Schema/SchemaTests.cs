using System.Text.Json.Nodes;
using Ask.Answering.ChatModel.Schema;

namespace Ask.Answering.ChatModel.Tests.Schema;

/// <summary>The answer schema is a reviewed snapshot (schemas strict mode refuses are a 400); a contract change shows up here first.</summary>
public sealed class SchemaTests
{
    [Fact]
    public void DraftAnswerSchema_MatchesTheReviewedSnapshot()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schema", "draft_answer.schema.json")));
        var actual = JsonNode.Parse(DraftAnswerSchema.Json);

        Assert.True(JsonNode.DeepEquals(expected, actual), $"schema changed; now:\n{actual}");
    }

    [Fact]
    public void DraftAnswerSchema_FitsStrictStructuredOutputs()
    {
        Assert.Empty(StrictSchema.FindViolations(JsonNode.Parse(DraftAnswerSchema.Json)!));
        Assert.Matches("^[a-zA-Z0-9_-]+$", DraftAnswerSchema.Name);
    }

    [Fact]
    public void Enforce_LooseNestedSchema_ClosesObjectsRequiresAllAndDropsUnsupportedKeywords()
    {
        var schema = JsonNode.Parse("""
            {"type":"object","properties":{
              "a":{"type":["string","null","null"],"format":"date-time","default":null},
              "b":{"type":"array","items":{"type":"object","properties":{"c":{"type":"integer","pattern":"^\\d+$"}}}}}}
            """)!;

        StrictSchema.Enforce(schema);

        Assert.Empty(StrictSchema.FindViolations(schema));
        Assert.Equal(["string", "null"], schema["properties"]!["a"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(schema["properties"]!["b"]!["items"]!["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void FindViolations_OpenObjectAndDeepNesting_ReportsBoth()
    {
        var leaf = """{"type":"object","properties":{"x":{"type":"string"}},"required":["x"],"additionalProperties":false}""";
        var deep = leaf;
        for (var i = 0; i < 5; i++)
            deep = $$"""{"type":"object","properties":{"n":{{deep}}},"required":["n"],"additionalProperties":false}""";
        var open = """{"type":"object","properties":{"x":{"type":"string"}},"required":[]}""";

        Assert.Contains(StrictSchema.FindViolations(JsonNode.Parse(deep)!), p => p.Contains("nested 6 levels"));
        var problems = StrictSchema.FindViolations(JsonNode.Parse(open)!);
        Assert.Contains(problems, p => p.Contains("additionalProperties"));
        Assert.Contains(problems, p => p.Contains("requires []"));
    }
}
