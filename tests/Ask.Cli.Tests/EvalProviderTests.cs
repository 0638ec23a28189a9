using System.Text.Json.Nodes;
using Ask.Testing.FakeOpenAI;
using Ask.Testing.Models;

namespace Ask.Cli.Tests;

/// <summary>
/// <c>ask eval</c> with each language-model provider: the fact judge works over whichever chat model answers
/// (without one, the embedding judge does: <see cref="EvalCommandTests"/>).
/// </summary>
public sealed class EvalProviderTests : IDisposable
{
    private readonly AskProcess _ask = new();

    /// <summary>The fake's reply to any request that is not a fact judgement: not a valid answer, so the service answers extractively.</summary>
    private const string UnusableDraft = """{"status":"answered","answer":"Ninety million [1].","citations":[]}""";

    private static string? SchemaName(RecordedRequest request) => request.Body["response_format"]?["json_schema"]?["name"]?.GetValue<string>();

    [Fact]
    public async Task Eval_WithAnOpenAICompatibleModel_ItJudgesTheFacts()
    {
        await using var server = await FakeChatServer.StartAsync(request => SchemaName(request) == "fact_verdicts"
            ? ScriptedReply.Completion("""{"verdicts":[{"fact":1,"stated":true}]}""")
            : ScriptedReply.Completion(UnusableDraft));
        var golden = await EvalCommandTests.IngestAndWriteGoldenAsync(_ask);
        _ask.Environment["ASK_LLM_BASE_URL"] = server.BaseUrl.ToString();
        _ask.Environment["ASK_LLM_MODEL"] = "judge-model";
        _ask.Environment["ASK_LLM_API_KEY"] = "sk-test";

        var result = await _ask.RunAsync("eval", "--golden", golden, "--out", "out");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var report = Report();
        Assert.Equal("llm", (string)report["fact_method"]!);
        var votes = server.Requests.Where(r => SchemaName(r) == "fact_verdicts").ToArray();
        Assert.Equal(3, votes.Length);
        Assert.Equal([42L, 43L, 44L], votes.Select(r => (long)r.Body["seed"]!));
        Assert.Equal(1.0, (double)report["metrics"]!["fact_recall"]!);
        Assert.Equal(0.0, (double)report["metrics"]!["fact_unscorable"]!);
    }

    [Fact]
    public async Task Eval_WithTheLocalModel_ItJudgesTheFacts()
    {
        var golden = await EvalCommandTests.IngestAndWriteGoldenAsync(_ask);
        _ask.Environment["ASK_LLM_PROVIDER"] = "local";
        _ask.Environment["ASK_LLM_MODEL_PATH"] = new TinyLlamaModel().Write(Path.Combine(_ask.WorkDirectory, "tiny.gguf"));
        _ask.Environment["ASK_LLM_CONTEXT_TOKENS"] = "8192";
        _ask.Environment["ASK_LLM_MAX_OUTPUT_TOKENS"] = "256";
        _ask.Environment["ASK_LLM_THREADS"] = "1";
        _ask.Environment["Answering__RepairRounds"] = "0";
        // Random weights with one token per byte cannot finish a verdict within the judge's output limit, so
        // every vote is unusable: the gate on unscorable facts is lifted to see the run through.
        _ask.Environment["Evaluation__MaxUnscorableShare"] = "1";

        var result = await _ask.RunAsync("eval", "--golden", golden, "--out", "out", "--verbose");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.DoesNotContain("InvalidCast", result.Stderr);
        var report = Report();
        Assert.Equal("llm", (string)report["fact_method"]!);
        // The scans question's one fact, judged by three votes of the local model.
        Assert.Equal(3, result.Stderr.Split("Local generation (judge.v1)").Length - 1);
        var verdict = report["items"]!.AsArray().SelectMany(i => i!["facts"]!.AsArray()).Single()!;
        Assert.Contains("(3 unusable)", (string)verdict["note"]!);
    }

    private JsonNode Report() => JsonNode.Parse(File.ReadAllText(Path.Combine(_ask.WorkDirectory, "out", "report.json")))!;

    public void Dispose() => _ask.Dispose();
}
