using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>The start-time checks <c>AddCheckedOptions</c> registers, for hosts that run no generic host.</summary>
public static class StartupValidation
{
    /// <summary>
    /// Runs every start-time check now (hosts without a generic host, the CLI, call this after building).
    /// Throws <see cref="OptionsValidationException"/>, or an <see cref="AggregateException"/> of them.
    /// </summary>
    public static void ValidateOnStartNow(this IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();
}
