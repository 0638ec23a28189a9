using Ask.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Ask.Web.Observability;

/// <summary>Checks <see cref="ObservabilityOptions"/> at start.</summary>
public sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions o) => new OptionErrors(ObservabilityOptions.Section)
        .NotEmpty(nameof(o.ServiceName), o.ServiceName)
        .Between(nameof(o.ReadyCacheSeconds), o.ReadyCacheSeconds, 0, 3600)
        .Result;
}
