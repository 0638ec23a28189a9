using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Testing.FakeOpenAI;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

/// <summary>The prompt fits the model's context, and a provider that cut it anyway is caught (FAILURE-MODES 23).</summary>
public sealed class ContextBudgetTests
{
    private const string Reply = """{"status":"not_in_archive","answer":"","citations":[]}""";

    /// <summary>Twelve sources of about 300 tokens each, best first.</summary>
    private static readonly AnswerPrompt LongPrompt = new("What did they say about orchestration?", AnswerSource.NumberAll(
        Enumerable.Range(1, 12).Select(i => TestSources.Passage($"ep{i:00}", $"Episode {i}", null,
            (60.0 * i, "Guest", $"Passage {i} says: " + string.Concat(Enumerable.Repeat("we scheduled batch pipelines with an orchestrator every night. ", 19)))))
        .ToArray()));

    [Fact]
    public async Task ContextBudget_DropsTheLowestRankedSourcesUntilThePromptFits_KeepingTheRulesWhole()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(Reply));
        await using var model = TestModel.For(server, o => { o.ContextTokens = 2048; o.MaxOutputTokens = 512; });

        var reply = await model.Sut.ComposeAsync(LongPrompt, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        var (role, system) = request.Messages[0];
        Assert.Equal("system", role);
        Assert.Contains("not_in_archive", system);
        var user = request.Messages[1].Content;
        Assert.Contains("Passage 1 says", user);
        Assert.DoesNotContain("Passage 12 says", user);
        var used = Assert.IsType<int>(reply.SourcesUsed);
        Assert.InRange(used, 1, 11);
        Assert.Contains($"Passage {used} says", user);
        Assert.DoesNotContain($"Passage {used + 1} says", user);
        Assert.True(request.MessagesText.Length / 4 + 512 <= 2048 + 64, $"{request.MessagesText.Length} characters sent");
        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
    }

    [Fact]
    public async Task NoContextBudget_SendsEverySource()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(Reply));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(LongPrompt, CancellationToken.None);

        Assert.Null(reply.SourcesUsed);
        Assert.Contains("Passage 12 says", server.Requests[0].MessagesText);
    }

    [Fact]
    public async Task ProviderReportingFarFewerPromptTokensThanSent_IsCaughtAsATruncatedPrompt()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(Reply, promptTokens: 2048));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(LongPrompt, CancellationToken.None);

        Assert.Equal(ModelReplyKind.PromptTruncated, reply.Kind);
        Assert.Null(reply.Content);
        Assert.Contains("num_ctx", reply.Detail);
    }

    [Fact]
    public async Task ProviderReportingAboutWhatWasSent_IsNotTruncation()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(Reply));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(LongPrompt, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
    }

    [Fact]
    public async Task ABudgetTooSmallForOneSource_IsAClearError()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(Reply));
        await using var model = TestModel.For(server, o => { o.ContextTokens = 700; o.MaxOutputTokens = 512; });

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(LongPrompt, CancellationToken.None));

        Assert.Contains("Llm:ContextTokens (700)", error.Message);
        Assert.Empty(server.Requests);
    }
}
