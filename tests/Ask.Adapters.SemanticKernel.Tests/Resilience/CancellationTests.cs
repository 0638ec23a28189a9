using Ask.Testing.FakeOpenAI;
using Ask.Adapters.SemanticKernel.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.SemanticKernel.Tests.Resilience;

/// <summary>A caller's cancel ends the call at once, as a cancel, never as a retried or logged error (cancellation mistaken for failure).</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task ComposeAsync_CancelledDuringBackoff_ThrowsOperationCanceledWithNoFurtherAttempt()
    {
        await using var server = await FakeChatServer.StartAsync(ScriptedReply.Error(429, "rate_limit_exceeded", "Busy.", ("retry-after-ms", "3000")));
        // On a clock that never moves by itself, the 3 s back-off the 429 asks for lasts until the test advances it:
        // a call that ends anyway was ended by the cancel, not by the back-off running out.
        var time = new FakeTimeProvider();
        await using var model = TestModel.For(server, time: time);
        using var cancel = new CancellationTokenSource();
        var compose = model.Sut.ComposeAsync(TestSources.Question, cancel.Token);
        await server.WaitForRequestsAsync(1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => compose.WaitAsync(TimeSpan.FromSeconds(30)));

        // The call has ended: the back-off running out now starts no attempt.
        time.Advance(TimeSpan.FromSeconds(5));
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

        // The call has ended, so no attempt can follow it.
        Assert.Single(server.Requests);
        Assert.DoesNotContain(model.Logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
