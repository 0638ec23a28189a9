using System.Text.Json;
using Ask.Adapters.LlamaSharp.Tests.Support;
using Ask.Core;
using Ask.Testing.Time;
using Microsoft.Extensions.AI;

namespace Ask.Adapters.LlamaSharp.Tests.Chat;

/// <summary>One shared model, requests taking turns, and a cancelled request stopping its generation.</summary>
public sealed class QueueAndCancellationTests(TinyModelFixture tiny) : IClassFixture<TinyModelFixture>
{
    private const int LongTokens = 1500;

    // A string that may not close before the output limit: a generation of known length to interrupt or queue behind.
    private static ChatOptions Endless(int tokens, int seed = 5) => new()
    {
        Temperature = 1,
        Seed = seed,
        MaxOutputTokens = tokens,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse($$"""{"type":"string","minLength":{{tokens}}}""").RootElement, "endless"),
    };

    private static readonly ChatOptions Long = Endless(LongTokens);

    [Fact]
    public async Task CancelledMidGeneration_StopsAndFreesItsTurn()
    {
        using var client = tiny.Client(tiny.Load());
        using var cancel = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Talk.")], Long, cancel.Token))
            {
                if (update.Text.Length > 0 && ++received == 10) await cancel.CancelAsync();
            }
        });

        Assert.InRange(received, 10, 1000);
        // The stream's consumer sees the cancellation before the generator's finally has handed the turn
        // back, so wait for it (a turn never given back fails here after 10 s).
        for (var waited = 0; client.Active != 0 && waited < 1000; waited++) await Task.Delay(10);
        Assert.Equal(0, client.Active);
        Assert.Equal(0, client.Pending);
        // The turn was given back: the next request runs to its end.
        var next = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Again.")], Endless(20));
        Assert.Equal(ChatFinishReason.Length, next.FinishReason);
        Assert.Equal(20, next.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task MoreRequestsThanTheLimit_WaitTheirTurn_AndAllFinish()
    {
        using var client = tiny.Client(tiny.Load(TinyModelFixture.Options(tiny.ModelPath, concurrency: 2)));
        var options = Endless(300, seed: 2);

        var requests = Enumerable.Range(0, 5)
            .Select(i => client.GetResponseAsync([new ChatMessage(ChatRole.User, $"Request {i}.")], options))
            .ToArray();
        int maxActive = 0, maxPending = 0;
        while (!requests.All(r => r.IsCompleted))
        {
            maxActive = Math.Max(maxActive, client.Active);
            maxPending = Math.Max(maxPending, client.Pending);
            await Task.Delay(2);
        }
        var responses = await Task.WhenAll(requests);

        Assert.Equal(2, maxActive);
        Assert.True(maxPending > 2, $"at most {maxPending} requests were ever pending");
        Assert.All(responses, r => Assert.Equal(300, r.Usage!.OutputTokenCount));
        Assert.Equal(0, client.Pending);
    }

    [Fact]
    public async Task CancelledWhileQueued_LeavesTheQueueWithoutRunning()
    {
        using var client = tiny.Client(tiny.Load());
        var running = client.GetResponseAsync([new ChatMessage(ChatRole.User, "First.")], Long);
        while (client.Active == 0) await Task.Delay(1);
        using var cancel = new CancellationTokenSource();

        var queued = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Second.")], Long, cancel.Token);
        // Joining the queue comes after the prompt is rendered, which a loaded machine can delay.
        for (var waited = 0; client.Pending < 2 && waited < 1000; waited++) await Task.Delay(10);
        Assert.Equal(2, client.Pending);
        Assert.Equal(1, client.Active);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.False(running.IsCompleted, "the first request should still be generating when the queued one is cancelled");
        Assert.Equal(1, client.Pending);
        var first = await running;
        Assert.Equal(LongTokens, first.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task WaitingPastTheQueueTimeout_RefusedAsBusy_WhileTheRunningRequestGoesOn()
    {
        var options = TinyModelFixture.Options(tiny.ModelPath);
        options.QueueTimeout = TimeSpan.FromSeconds(30);
        var time = new ObservedTimeProvider();
        using var client = tiny.Client(tiny.Load(options), time);
        using var stop = new CancellationTokenSource();
        // Its first streamed text shows the first request holds the only turn.
        await using var running = client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "First.")], Long, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await running.MoveNextAsync());
        var timers = time.TimersCreated;

        var queued = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Second.")], Long);
        // The second request waits for a turn on the fake clock: only moving it past the timeout refuses it.
        await time.WaitForTimersAsync(timers + 1);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(queued.IsCompleted, "refused before its queue timeout");
        time.Advance(TimeSpan.FromSeconds(1));

        var busy = await Assert.ThrowsAsync<AskBusyException>(() => queued.WaitAsync(ObservedTimeProvider.Guard));
        Assert.Contains("busy for 30 s", busy.Message);
        // The running request is not disturbed by the refusal: it goes on generating.
        Assert.True(await running.MoveNextAsync());
        await stop.CancelAsync();
        try
        {
            while (await running.MoveNextAsync())
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping it is only the test's clean-up.
        }
    }
}
