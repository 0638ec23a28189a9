using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Web.Endpoints;

/// <summary>Checks <see cref="ApiLimitsOptions"/> at start: a zero limit or window would refuse every request.</summary>
public sealed class ApiLimitsOptionsValidator : IValidateOptions<ApiLimitsOptions>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ApiLimitsOptions o) => new OptionErrors(ApiLimitsOptions.Section)
        .AtLeast(nameof(o.PermitsPerWindow), o.PermitsPerWindow, 1)
        .Between(nameof(o.Window), o.Window, TimeSpan.FromMilliseconds(1), Day)
        .AtLeast(nameof(o.MaxConcurrentRequests), o.MaxConcurrentRequests, 1)
        .AtLeast(nameof(o.QueueLimit), o.QueueLimit, 0)
        .Between(nameof(o.RequestTimeout), o.RequestTimeout, TimeSpan.FromMilliseconds(1), Day)
        .Between(nameof(o.StreamHeartbeat), o.StreamHeartbeat, TimeSpan.FromMilliseconds(1), Day)
        .Result;
}
