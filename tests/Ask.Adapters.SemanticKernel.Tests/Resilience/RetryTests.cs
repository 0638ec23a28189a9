using System.Diagnostics;
using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Ask.Core;
using Ask.Core.Answering;

namespace Ask.Adapters.SemanticKernel.Tests.Resilience;

/// <summary>Retries happen only in Polly, on 429/5xx, and wait as long as the server asks (retries that ignore the server's wait).</summary>
public sealed class RetryTests
{
    private static readonly ScriptedReply _ok = ScriptedReply.Completion("""{"status":"not_in_archive","answer":"Not covered.","citations":[]}""");

    [Fact]
    public async Task ComposeAsync_429WithRetryAfterMsTwice_ThreeAttemptsEachAfterTheWait()
    {
        var busy = ScriptedReply.Error(429, "rate_limit_exceeded", "Rate limit reached.", ("retry-after-ms", "1500"));
        await using var server = await FakeChatServer.StartAsync(busy, busy, _ok);
        // A long computed back-off would hide whether the hint is used; a tiny one can't pass for 1.5 s.
        await using var model = TestModel.For(server);

        var reply = await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Gaps(), gap => Assert.True(gap >= TimeSpan.FromMilliseconds(1500), $"retried after {gap.TotalMilliseconds:0} ms"));
    }

    [Theory]
    [InlineData("x-ms-retry-after-ms", "400", 400)]
    [InlineData("Retry-After", "1", 1000)]
    public async Task ComposeAsync_503WithWaitHint_RetriesAfterTheWait(string header, string value, int expectedMs)
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(503, "overloaded", "Busy.", (header, value)), _ok);
        await using var model = TestModel.For(server);

        await model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.True(server.Gaps()[0] >= TimeSpan.FromMilliseconds(expectedMs), $"retried after {server.Gaps()[0].TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ComposeAsync_Always500_RetriedOnlyByPollyThenTransientAskException()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(500, "server_error", "The server had an error."));
        await using var model = TestModel.For(server);

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Contains("3 attempts", error.Message);
        // 1 + MaxRetryAttempts(2): the SDK's own retries would have made this 12.
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ComposeAsync_ServerAsksForLongerThanAccepted_FailsAtOnce()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(429, "rate_limit_exceeded", "Slow down.", ("Retry-After", "120")));
        await using var model = TestModel.For(server, o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("asked to wait 120 s", error.Message);
        Assert.Single(server.Requests);
        // Nowhere near the 120 s the server asked for: it gave up instead of waiting.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ComposeAsync_NothingListening_TransientAfterRetries()
    {
        var port = FreePort();
        await using var model = TestModel.For(TestModel.DefaultOptions(new Uri($"http://127.0.0.1:{port}/v1/"), "test-model", "k"));

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Contains("no response", error.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
