using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Core.Evaluation;
using Ask.Testing.FakeOpenAI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Adapters.SemanticKernel.Tests.Evaluation;

/// <summary>The language-model fact judge against a fake OpenAI server (FAILURE-MODES 39 and 40).</summary>
public sealed class LlmFactJudgeTests
{
    private static readonly string[] Facts = ["Kubeflow is a pain for small teams", "They moved to Dagster"];

    private static string Votes(params bool[] stated) =>
        "{\"verdicts\":[" + string.Join(",", stated.Select((s, i) => $"{{\"fact\":{i + 1},\"stated\":{(s ? "true" : "false")}}}")) + "]}";

    private static async Task<(IReadOnlyList<FactVerdict> Verdicts, FakeChatServer Server)> JudgeAsync(params ScriptedReply[] replies)
    {
        var server = await FakeChatServer.StartAsync(replies);
        await using var services = TestModel.Register(new ServiceCollection().AddLogging(), TestModel.DefaultOptions(server.BaseUrl, "judge-model", TestModel.ApiKey))
            .AddChatFactJudge(votes: 3)
            .BuildServiceProvider();
        var judge = services.GetRequiredService<IFactJudge>();
        Assert.Equal("llm", judge.Method);
        var verdicts = await judge.JudgeAsync("What about Kubeflow?", "Nemanja says Kubeflow is a pain [1].", Facts, CancellationToken.None);
        return (verdicts, server);
    }

    [Fact]
    public async Task ThreeVotes_TheMajorityDecidesEachFact_AtTemperatureZeroWithFixedSeeds()
    {
        var (verdicts, server) = await JudgeAsync(
            ScriptedReply.Completion(Votes(true, false)),
            ScriptedReply.Completion(Votes(true, true)),
            ScriptedReply.Completion(Votes(false, false)));
        await using var _ = server;

        Assert.Equal([true, false], verdicts.Select(v => v.Supported));
        Assert.Equal(0.6667, verdicts[0].Score);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(0, (double)r.Body["temperature"]!));
        Assert.Equal([42L, 43L, 44L], server.Requests.Select(r => (long)r.Body["seed"]!));
        Assert.All(server.Requests, r => Assert.Equal("json_schema", (string)r.Body["response_format"]!["type"]!));
        Assert.Contains("2. They moved to Dagster", server.Requests[0].MessagesText);
    }

    [Fact]
    public async Task UnparseableVotes_CountForNothing_AndWithoutAMajorityTheFactIsUnscorable()
    {
        var (verdicts, server) = await JudgeAsync(
            ScriptedReply.Completion("no verdict"),
            ScriptedReply.Completion("""{"verdicts":[{"fact":1,"stated":"yes"}]}"""),
            ScriptedReply.Completion(Votes(true, false)));
        await using var _ = server;

        Assert.All(verdicts, v => Assert.Null(v.Supported));
        Assert.Contains("2 unusable", verdicts[0].Note);
        Assert.DoesNotContain(verdicts, v => v.Score is { } s && double.IsNaN(s));
    }

    [Fact]
    public async Task ServerFailingEveryVote_GivesUnscorableFacts_NotAnException()
    {
        var failures = Enumerable.Range(0, 12).Select(_ => ScriptedReply.Error(500, "server_error", "boom")).ToArray();

        var (verdicts, server) = await JudgeAsync(failures);
        await using var _ = server;

        Assert.All(verdicts, v => Assert.Null(v.Supported));
        Assert.All(verdicts, v => Assert.Null(v.Score));
    }

    [Fact]
    public async Task AReplyRepeatingAFactNumber_IsUnusable()
    {
        var (verdicts, server) = await JudgeAsync(
            ScriptedReply.Completion("""{"verdicts":[{"fact":1,"stated":true},{"fact":1,"stated":false}]}"""),
            ScriptedReply.Completion(Votes(false, true)),
            ScriptedReply.Completion(Votes(false, true)));
        await using var _ = server;

        Assert.Equal([false, true], verdicts.Select(v => v.Supported));
        Assert.Contains("1 unusable", verdicts[1].Note);
    }
}
