using Microsoft.Extensions.Time.Testing;
using Ask.Testing.FakeOpenAI;
using Ask.Testing.Time;
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
        // The back-off runs on a fake clock: what the pipeline decided to wait is read from the timers it armed.
        var time = new ObservedTimeProvider();
        await using var model = TestModel.For(server, time: time);

        var compose = model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);
        await time.AdvanceUntilDoneAsync(compose, TimeSpan.FromMilliseconds(1500));
        var reply = await compose;

        Assert.Equal(ModelReplyKind.Completed, reply.Kind);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, time.DueTimes.Count(d => d == TimeSpan.FromMilliseconds(1500)));
    }

    [Theory]
    [InlineData("x-ms-retry-after-ms", "400", 400)]
    [InlineData("Retry-After", "1", 1000)]
    public async Task ComposeAsync_503WithWaitHint_RetriesAfterTheWait(string header, string value, int expectedMs)
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(503, "overloaded", "Busy.", (header, value)), _ok);
        var time = new ObservedTimeProvider();
        await using var model = TestModel.For(server, time: time);

        var compose = model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None);
        await time.AdvanceUntilDoneAsync(compose, TimeSpan.FromMilliseconds(expectedMs));
        await compose;

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(TimeSpan.FromMilliseconds(expectedMs), time.DueTimes);
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
        // A clock that never moves by itself: had the call decided to wait, it would never end.
        await using var model = TestModel.For(server, o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10), new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<AskException>(() => model.Sut.ComposeAsync(TestSources.Question, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(error.IsTransient);
        Assert.Contains("asked to wait 120 s", error.Message);
        Assert.Single(server.Requests);
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
