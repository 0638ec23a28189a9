namespace Ask.Adapters.Slack.Answering;

/// <summary>At most <c>limit</c> permits per key in any one-minute window, on the injected clock.</summary>
internal sealed class SlidingWindowLimiter(int limit, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _permits = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryAcquire(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_permits.TryGetValue(key, out var taken)) _permits[key] = taken = new Queue<DateTimeOffset>();
            while (taken.Count > 0 && now - taken.Peek() >= Window) taken.Dequeue();
            if (taken.Count >= limit) return false;
            taken.Enqueue(now);
            if (_permits.Count > 10_000) Prune(now);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _permits.Where(p => p.Value.Count == 0 || now - p.Value.Last() >= Window).Select(p => p.Key).ToArray())
            _permits.Remove(key);
    }
}
