using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core.Answering;

namespace Ask.Adapters.SemanticKernel.Tests.Answering;

public sealed class RewriteTests
{
    private static readonly ConversationTurn[] _history =
        [new("Who was the guest of Lean MLOps for Startups?", "Nemanja talked about lean MLOps [1].")];

    [Fact]
    public async Task RewriteAsync_WithHistory_ReturnsTheModelsPlainText()
    {
        await using var server = await FakeChatServer.StartAsync(
            ScriptedReply.Completion("  \"What did Nemanja say about Dagster in Lean MLOps for Startups?\"\n"));
        await using var model = TestModel.For(server);

        var rewritten = await model.Sut.RewriteAsync("what did he say about Dagster?", _history, CancellationToken.None);

        Assert.Equal("What did Nemanja say about Dagster in Lean MLOps for Startups?", rewritten);
        var request = server.Requests.Single();
        Assert.Null(request.Body["response_format"]);
        Assert.Equal(200, request.Body["max_completion_tokens"]!.GetValue<int>());
        Assert.Contains("User: Who was the guest of Lean MLOps for Startups?", request.MessagesText);
        Assert.Contains("Latest question: what did he say about Dagster?", request.MessagesText);
    }

    [Fact]
    public async Task RewriteAsync_NoHistory_ReturnsTheQuestionWithoutCalling()
    {
        await using var server = await FakeChatServer.StartAsync();
        await using var model = TestModel.For(server);

        var rewritten = await model.Sut.RewriteAsync("What is Dagster?", [], CancellationToken.None);

        Assert.Equal("What is Dagster?", rewritten);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task RewriteAsync_CutAtTokenLimit_ReturnsTheQuestionAsAsked()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Completion("What did Nemanja say about", finishReason: "length"));
        await using var model = TestModel.For(server);

        var rewritten = await model.Sut.RewriteAsync("what did he say about Dagster?", _history, CancellationToken.None);

        Assert.Equal("what did he say about Dagster?", rewritten);
    }
}
