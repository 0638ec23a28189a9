using Microsoft.Extensions.Time.Testing;

namespace Ask.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when the code under test starts waiting on it. A test
/// that advances the clock must first know the code has armed its timer (a <c>Task.Delay</c>, a timeout);
/// advancing earlier would be lost, and sleeping "long enough" instead is what makes tests flaky.
/// </summary>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    /// <summary>How long a test waits for a timer that should be armed at once: a failure guard, not a pace.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly List<TimeSpan> _dueTimes = [];
    private int _timers;

    public ObservedTimeProvider()
        : base(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Timers created so far (every <c>Task.Delay</c> and timed cancellation on this clock makes one).</summary>
    public int TimersCreated
    {
        get
        {
            lock (_gate) return _timers;
        }
    }

    /// <summary>
    /// The delay each timer was created with, in order: what the code decided to wait (a back-off, a server's
    /// Retry-After), read straight from its decision rather than guessed from the gaps between its calls. A timer
    /// armed later (a timeout's <c>CancelAfter</c>) shows as <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_gate) return _dueTimes.ToArray();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource> reached;
        lock (_gate)
        {
            _timers++;
            _dueTimes.Add(dueTime);
            reached = _waiters.Where(w => w.Count <= _timers).Select(w => w.Reached).ToList();
            _waiters.RemoveAll(w => w.Count <= _timers);
        }
        foreach (var waiter in reached) waiter.TrySetResult();
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers in all have been created; fails after <see cref="Guard"/>.</summary>
    public Task WaitForTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timers >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(Guard);
        }
    }

    /// <summary>
    /// Advances the clock by <paramref name="step"/>, again each time the code under test arms a new timer, until
    /// <paramref name="work"/> ends. For code that arms a fresh timeout per step (one per read), where the test cannot
    /// know which timer is the last: every advance fires whatever timer is armed, so the work cannot wait unseen.
    /// </summary>
    public async Task AdvanceUntilDoneAsync(Task work, TimeSpan step)
    {
        while (!work.IsCompleted)
        {
            var armed = TimersCreated;
            Advance(step);
            var next = WaitForTimersAsync(armed + 1);
            if (await Task.WhenAny(work, next) == next && next.IsFaulted)
                throw new TimeoutException($"The work neither ended nor armed a timer within {Guard.TotalSeconds:0} s of the clock moving on.");
        }
    }
}
