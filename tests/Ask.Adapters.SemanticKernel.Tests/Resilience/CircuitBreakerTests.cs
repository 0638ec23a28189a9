using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Answering.ChatModel;
using Ask.Core;

namespace Ask.Adapters.SemanticKernel.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    [Fact]
    public async Task ComposeAsync_AfterRepeatedFailures_CircuitOpensAndFailsFastWithoutCalling()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(502, "bad_gateway", "Upstream down."));
        await using var model = TestModel.For(server, o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.CircuitBreaker = new LlmCircuitBreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) };
        });

        var first = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));
        var second = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.Contains("HTTP 502", first.Message);
        Assert.True(second.IsTransient);
        Assert.Contains("circuit is open", second.Message);
        Assert.Equal(2, server.Requests.Count);
    }
}
