using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ask;

/// <summary>
/// The one way Ask binds an options class: from its configuration section, checked by its validator, and
/// checked when the host starts (<see cref="OptionsBuilderExtensions.ValidateOnStart{TOptions}"/>) — so a
/// wrong value stops the start naming the key, instead of failing the first request that reads it.
/// </summary>
/// <remarks>
/// Compiled into every project that registers options (each csproj links this file), because the adapters
/// do not reference the composition root and the core takes no configuration or DI dependency; internal in
/// each, so the copies never meet.
/// </remarks>
internal static class CheckedOptions
{
    public static OptionsBuilder<T> AddCheckedOptions<T, TValidator>(this IServiceCollection services, IConfiguration section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddOptions<T>().Bind(section).ValidateOnStart();
    }
}
