using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Ask.Adapters.Slack.WebApi;

/// <summary>
/// The one retry policy for Slack Web API calls: 429 waits exactly what <c>Retry-After</c> says (the
/// message was not posted, so posting again is safe), 5xx and refused connections back off; nothing
/// else is retried, and an attempt that hangs is cut after ten seconds.
/// </summary>
internal static class SlackWebApiPipeline
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, int maxAttempts, TimeProvider time)
    {
        // The back-off and the attempt timeout run on the host's clock (a test's fake one included).
        pipeline.TimeProvider = time;
        pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = maxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(500),
            UseJitter = false,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError),
            DelayGenerator = args =>
            {
                var wait = RetryAfter.Read(args.Outcome.Result, time);
                return ValueTask.FromResult(wait is { } w ? (TimeSpan?)(w > MaxWait ? MaxWait : w) : null);
            },
            OnRetry = args =>
            {
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(TimeSpan.FromSeconds(10));
    }
}
