namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Keys seen lately (event ids, channel+ts pairs), so Slack's at-least-once delivery — HTTP retries,
/// Socket Mode redeliveries, the same message as two event types — is answered once (see docs/failure-modes.md#slack).
/// Bounded in time and count. This process's memory only: <see cref="EventClaims"/> also claims each key in
/// the database the replicas share, which outlives a restart.
/// </summary>
internal sealed class RecentKeys(TimeProvider time, TimeSpan window, int capacity = 50_000)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True the first time <paramref name="key"/> is seen within the window.</summary>
    public bool TryAdd(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_order.Count > 0 && now - _order.Peek().At > window) Forget();
            if (_seen.TryGetValue(key, out var seen) && now - seen <= window) return false;
            while (_order.Count >= capacity) Forget();
            _seen[key] = now;
            _order.Enqueue((key, now));
            return true;
        }
    }

    private void Forget()
    {
        var (old, at) = _order.Dequeue();
        if (_seen.TryGetValue(old, out var current) && current == at) _seen.Remove(old);
    }
}
