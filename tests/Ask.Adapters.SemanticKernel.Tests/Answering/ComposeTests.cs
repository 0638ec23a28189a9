using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

/// <summary>How each way a provider can end a completion maps to <see cref="ModelReply"/>: prose, truncation, refusal, content filter (docs/failure-modes.md, 18 and 20–22).</summary>
public sealed class ComposeTests
{
    private const string GoodJson =
        """{"status":"answered","answer":"They moved to Dagster [1].","citations":[{"marker":1,"source":1,"quote":"We moved our pipelines to Dagster","start":"20:17"}]}""";

    [Fact]
    public async Task ComposeAsync_GoodJsonReply_ReturnsCompletedWithThatContent()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(GoodJson));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.Equal(GoodJson, reply.Content);
        Assert.Equal("answer.v2", reply.Prompt);
        Assert.Single(server.Requests);
        Assert.Equal("openai-compatible:test-model", model.Sut.Name);
    }

    [Fact]
    public async Task ComposeAsync_ProseReplyFromServerIgnoringSchema_ReturnsCompletedWithTheProse()
    {
        // Core's validator rejects it; the adapter's job is only to pass it on unchanged.
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("The answer is Kubernetes."));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.Equal("The answer is Kubernetes.", reply.Content);
    }

    [Fact]
    public async Task ComposeAsync_FinishReasonLength_ReturnsTruncatedWithoutContentOrRetry()
    {
        await using var server = await FakeChatServer.StartAsync(
            ScriptedReply.Completion("""{"answer":"X","citations":[{"episode":"s12e08","start":""", finishReason: "length"));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Truncated, reply.Kind);
        Assert.Null(reply.Content);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ComposeAsync_RefusalWithNullContent_ReturnsRefusedAndLogsNoError()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(null, refusal: "I can't help with that"));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Refused, reply.Kind);
        Assert.Equal("I can't help with that", reply.Refusal);
        Assert.Null(reply.Content);
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ComposeAsync_Http400ContentFilter_ReturnsContentFilteredWithoutRetry()
    {
        await using var server = await FakeChatServer.StartAsync(
            ScriptedReply.Error(400, "content_filter", "The response was filtered due to the prompt triggering content management policy."));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.ContentFiltered, reply.Kind);
        Assert.Null(reply.Content);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ComposeAsync_FinishReasonContentFilter_ReturnsContentFilteredWithoutContent()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("""{"status":"answ""", finishReason: "content_filter"));
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.ContentFiltered, reply.Kind);
        Assert.Null(reply.Content);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ComposeAsync_Http401_ThrowsNonTransientWithoutRetry()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(401, "invalid_api_key", "Incorrect API key provided."));
        await using var model = TestModel.For(server);

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("401", error.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("eos")]
    [InlineData(null)]
    public async Task ComposeAsync_FinishReasonOutsideOpenAIs_ThrowsNonTransientWithoutRetry(string? reason)
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(GoodJson, finishReason: reason));
        await using var model = TestModel.For(server);

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("finish_reason", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ComposeAsync_RepairRound_SendsPreviousReplyThenTheErrors()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion(GoodJson));
        await using var model = TestModel.For(server);
        var prompt = TestSources.Question with
        {
            Repair = new RepairRequest("""{"status":"answered","answer":"Kubernetes [1].","citations":[]}""", ["marker [1] has no citation"]),
        };

        await model.Sut.ComposeAsync(prompt, CancellationToken.None);

        var messages = server.Requests.Single().Messages;
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Contains("Kubernetes [1].", messages[2].Content);
        Assert.Contains("- marker [1] has no citation", messages[3].Content);
    }
}
