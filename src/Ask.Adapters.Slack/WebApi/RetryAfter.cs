using System.Net.Http.Headers;

namespace Ask.Adapters.Slack.WebApi;

/// <summary>The wait a 429 asks for (<c>Retry-After</c> in seconds or as a date): a 429 means the message was not posted, and retrying sooner only earns another.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider time)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue header) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
