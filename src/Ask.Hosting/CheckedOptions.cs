using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ask.Hosting;

/// <summary>
/// The one way Ask binds an options class: from its configuration section, checked by its validator, and
/// checked when the host starts (<see cref="OptionsBuilderExtensions.ValidateOnStart{TOptions}"/>) — so a
/// wrong value stops the start naming the key, instead of failing the first request that reads it.
/// </summary>
public static class CheckedOptions
{
    public static OptionsBuilder<T> AddCheckedOptions<T, TValidator>(this IServiceCollection services, IConfigurationSection section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddOptions<T>().Bind(section).ValidateOnStart();
    }

    /// <summary>
    /// Runs every start-time check now (hosts without a generic host, the CLI, call this after building).
    /// Throws <see cref="OptionsValidationException"/>, or an <see cref="AggregateException"/> of them.
    /// </summary>
    public static void ValidateOnStartNow(this IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();
}
