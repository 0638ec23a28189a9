namespace Ask.Testing.Time;

/// <summary>
/// Wakes whoever waits each time something arrives (a request, a call, a message), so a test waits for a
/// condition on that signal instead of looking again every few milliseconds.
/// </summary>
public sealed class Arrivals
{
    /// <summary>How long a wait lasts before it fails: a guard against a hang, never the pace of a test.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private TaskCompletionSource _next = NewSignal();

    /// <summary>Something arrived: every waiter checks its condition again.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    /// <summary>
    /// Returns once <paramref name="condition"/> holds, checked now and after every arrival; throws a
    /// <see cref="TimeoutException"/> with <paramref name="describe"/>'s account after <paramref name="guard"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? guard = null)
    {
        using var timeout = new CancellationTokenSource(guard ?? Guard);
        while (true)
        {
            // Taken before the check, so an arrival between the check and the wait is not missed.
            var next = Volatile.Read(ref _next).Task;
            if (condition()) return;
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                if (condition()) return;
                throw new TimeoutException(describe());
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
