using System.Text.Json.Nodes;
using Ask.Answering.ChatModel.Evaluation;
using Ask.Answering.ChatModel.Schema;

namespace Ask.Answering.ChatModel.Tests.Evaluation;

/// <summary>The fact judge's verdict schema, as strict structured outputs and as a grammar get it.</summary>
public sealed class JudgeSchemaTests
{
    [Fact]
    public void Schema_Strict_FitsStrictStructuredOutputs()
    {
        var schema = JsonNode.Parse(LlmFactJudge.Schema(3, bounded: false).GetRawText())!;

        Assert.Empty(StrictSchema.FindViolations(schema));
        Assert.Null(schema["properties"]!["verdicts"]!["items"]!["properties"]!["fact"]!["enum"]);
    }

    [Fact]
    public void Schema_Bounded_AllowsOnlyTheFactNumbersAndOneVerdictEach()
    {
        var verdicts = JsonNode.Parse(LlmFactJudge.Schema(3, bounded: true).GetRawText())!["properties"]!["verdicts"]!;

        Assert.Equal([1, 2, 3], verdicts["items"]!["properties"]!["fact"]!["enum"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(3, verdicts["minItems"]!.GetValue<int>());
        Assert.Equal(3, verdicts["maxItems"]!.GetValue<int>());
    }
}
