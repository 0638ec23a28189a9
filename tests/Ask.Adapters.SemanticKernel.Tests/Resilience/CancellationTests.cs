using System.Diagnostics;
using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.SemanticKernel.Tests.Resilience;

/// <summary>A caller's cancel ends the call at once, as a cancel, never as a retried or logged error (cancellation mistaken for failure).</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task ComposeAsync_CancelledDuringBackoff_ThrowsOperationCanceledWithNoFurtherAttempt()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(429, "rate_limit_exceeded", "Busy.", ("retry-after-ms", "3000")));
        await using var model = TestModel.For(server);
        using var cancel = new CancellationTokenSource();
        var compose = model.Sut.ComposeAsync(TestSources.Question, cancel.Token);
        await server.WaitForRequestsAsync(1);
        // Now in the 3 s back-off the 429 asked for.
        await Task.Delay(200, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compose);

        // Well inside the 2.8 s of back-off left: cancelling did not wait it out.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed} to stop");
        await Task.Delay(500, CancellationToken.None);
        Assert.Single(server.Requests);
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ComposeAsync_CancelledDuringAttempt_ThrowsOperationCanceled()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.NeverAnswers());
        await using var model = TestModel.For(server);
        using var cancel = new CancellationTokenSource();
        var compose = model.Sut.ComposeAsync(TestSources.Question, cancel.Token);
        await server.WaitForRequestsAsync(1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compose);

        await Task.Delay(300, CancellationToken.None);
        Assert.Single(server.Requests);
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
