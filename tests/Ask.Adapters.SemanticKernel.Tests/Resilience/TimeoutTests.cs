using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core;
using Ask.Adapters.SemanticKernel.Resilience;

namespace Ask.Adapters.SemanticKernel.Tests.Resilience;

/// <summary>Time limits sit where the connector's requests actually go (timeouts in the wrong place).</summary>
public sealed class TimeoutTests
{
    private static readonly ScriptedReply _warmUp = ScriptedReply.Completion("{}");

    /// <summary>
    /// One call first: a timeout cancels cooperatively, and the connector's first call spends a few hundred
    /// milliseconds in JIT before its first await, which would blur timings measured to 100 ms. On a loaded
    /// machine that first call can outlast a test's tight budget itself; it has warmed the path all the same,
    /// and the server has taken its scripted reply.
    /// </summary>
    private static async Task WarmUpAsync(TestModel model)
    {
        try
        {
            await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);
        }
        catch (AskTimeoutException)
        {
        }
    }

    [Fact]
    public async Task ComposeAsync_ServerNeverAnswers_TransientAfterEachAttemptTimesOut()
    {
        await using var server = await FakeChatServer.StartAsync(_warmUp, ScriptedReply.NeverAnswers());
        await using var model = TestModel.For(server, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(800);
            o.Retry.MaxRetryAttempts = 1;
        });
        await WarmUpAsync(model);

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("timed out", error.Message);
        Assert.Contains("2 attempts", error.Message);
        // Warm-up plus both attempts; the second may still be landing when its timeout fires under load.
        await server.WaitForRequestsAsync(3);
    }

    [Fact]
    public async Task ResilientCall_HttpClientTimeoutFiresBeforePollys_SameTimeoutErrorAsAnAttemptTimeout()
    {
        // The HttpClient and Polly time an attempt with the same length; which fires first is a race,
        // and the caller must hear "timed out" either way.
        var options = TestModel.DefaultOptions(new Uri("http://127.0.0.1:9/v1/"), "m", "k");
        options.Retry.MaxRetryAttempts = 1;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        var pipeline = LlmPipeline.Configure(new Polly.ResiliencePipelineBuilder(), options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Build();
        var call = new ResilientCall(pipeline, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => call.ExecuteAsync<int>("answer.v2", _ =>
        {
            attempts++;
            throw new LlmTransientException(LlmFailure.Timeout, "no reply within the attempt timeout", innerException: new TaskCanceledException());
        }, CancellationToken.None));

        Assert.Equal(2, attempts);
        Assert.True(error.IsTransient);
        Assert.Contains("timed out", error.Message);
        Assert.Contains("2 attempts", error.Message);
    }

    [Fact]
    public async Task ComposeAsync_ServerNeverAnswers_StopsAtTheTotalBudget()
    {
        await using var server = await FakeChatServer.StartAsync(_warmUp, ScriptedReply.NeverAnswers());
        await using var model = TestModel.For(server, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(600);
            o.TotalBudget = TimeSpan.FromMilliseconds(1000);
            o.Retry.MaxRetryAttempts = 5;
        });
        await WarmUpAsync(model);

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("total budget of 1 s", error.Message);
        // Warm-up plus one or two attempts: the budget, not the five retries (6 × 600 ms), ended it. How many
        // attempts fit in 1 s depends on how loaded the machine is, so both counts are right.
        Assert.InRange(server.Requests.Count, 2, 3);
    }

    [Fact]
    public async Task Connector_HttpClient_HasTheConfiguredAttemptTimeout()
    {
        await using var model = TestModel.For(TestModel.DefaultOptions(new Uri("http://127.0.0.1:9/v1/"), "m", "k"), o =>
        {
            o.Timeout = TimeSpan.FromSeconds(120);
            o.TotalBudget = TimeSpan.FromSeconds(300);
        });

        Assert.Equal(TimeSpan.FromSeconds(120), model.Connector.HttpClient.Timeout);
    }
}
