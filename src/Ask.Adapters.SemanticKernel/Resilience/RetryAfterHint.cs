using System.ClientModel.Primitives;
using System.Globalization;

namespace Ask.Adapters.SemanticKernel.Resilience;

/// <summary>
/// Reads how long a 429/503 asks us to wait (retrying sooner only multiplies failures), in the order Azure's own SDKs use:
/// <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, then <c>Retry-After</c> (seconds or an HTTP date).
/// </summary>
internal static class RetryAfterHint
{
    public static TimeSpan? Read(PipelineResponseHeaders? headers, TimeProvider time)
    {
        if (headers is null) return null;
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (headers.TryGetValue(name, out var value)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                return TimeSpan.FromMilliseconds(ms);
        }
        if (headers.TryGetValue("Retry-After", out var retryAfter) && !string.IsNullOrWhiteSpace(retryAfter))
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                return TimeSpan.FromSeconds(seconds);
            if (DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return null;
    }
}
