using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Ask.Hosting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ask.Web.Endpoints;

/// <summary>
/// The <c>Limits</c> section: how much of the service one caller, and all callers together, may use on
/// <c>/api/*</c>. Every default is documented in docs/limits.md.
/// </summary>
public sealed class ApiLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Requests one caller (its API key, else its address) may make per window. Default 30.</summary>
    public int PermitsPerWindow { get; set; } = 30;

    /// <summary>The rate window. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>API requests handled at once, all callers together. Default 8.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>API requests that may wait for a free slot; one more is refused (503). Default 16.</summary>
    public int QueueLimit { get; set; } = 16;

    /// <summary>Longest an API request may take before it is cancelled (504). Default 3 minutes.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often <c>/api/chat/stream</c> sends a comment while the model works. Default 10 s.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(10);
}

public static class ApiLimits
{
    public const string TimeoutPolicy = "api";

    public static IServiceCollection AddApiLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<ApiLimitsOptions, ApiLimitsOptionsValidator>(configuration.GetSection(ApiLimitsOptions.Section));

        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiLimitsOptions>, IOptions<AskOptions>>((rate, limits, ask) =>
        {
            var l = limits.Value;
            var perCaller = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !IsApi(context) ? RateLimitPartition.GetNoLimiter("") :
                RateLimitPartition.GetFixedWindowLimiter(CallerOf(context, ask.Value.ApiKey), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = l.PermitsPerWindow,
                    Window = l.Window,
                    QueueLimit = 0,
                }));
            var together = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !IsApi(context) ? RateLimitPartition.GetNoLimiter("") :
                RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = l.MaxConcurrentRequests,
                    QueueLimit = l.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            rate.GlobalLimiter = PartitionedRateLimiter.CreateChained(perCaller, together);
            rate.OnRejected = (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                // The caller's own rate: 429, and when its window opens again. The service's capacity: 503.
                var own = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after);
                var seconds = own ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var result = own
                    ? Problems.Problem(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                        $"This client may make {l.PermitsPerWindow} API requests per {l.Window.TotalSeconds:0} s; try again in {seconds} s.")
                    : Problems.Problem(context, StatusCodes.Status503ServiceUnavailable, "Busy",
                        "The service is answering as many questions as it can; try again shortly.");
                return new ValueTask(result.ExecuteAsync(context));
            };
        });
        services.AddRateLimiter(_ => { });

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiLimitsOptions>>((timeouts, limits) =>
            timeouts.AddPolicy(TimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                WriteTimeoutResponse = context =>
                {
                    // The middleware clears the response first, the request id header with it.
                    context.Response.Headers[RequestId.Header] = RequestId.Of(context);
                    return Problems.Problem(context, StatusCodes.Status504GatewayTimeout, "Request timed out",
                    $"The request took longer than {limits.Value.RequestTimeout.TotalSeconds:0} s and was stopped; try again.").ExecuteAsync(context);
                },
            }));
        return services;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// Whose budget a request spends: the API key's when it sends the configured key (compared in constant
    /// time — a made-up key must not buy a fresh budget), else its client address.
    /// </summary>
    private static string CallerOf(HttpContext context, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            var sent = context.Request.Headers[ApiKeyFilter.Header].ToString();
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(apiKey)))
                return "key";
        }
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
