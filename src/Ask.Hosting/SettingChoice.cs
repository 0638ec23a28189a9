using Ask.Core;
using Microsoft.Extensions.Configuration;

namespace Ask.Hosting;

/// <summary>
/// Reads a setting that picks one of a fixed set of names (a store, a provider). A misspelt name stops the start
/// with the key, its variable, the value and the names it may take, instead of the binder's type-conversion error.
/// </summary>
internal static class SettingChoice
{
    public static TChoice Read<TChoice>(IConfiguration configuration, string key, string variable, TChoice fallback)
        where TChoice : struct, Enum
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        // Names only: Enum.TryParse would also take a number or a comma-separated list.
        var name = Enum.GetNames<TChoice>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<TChoice>(name)
            : throw new AskException($"{key} ({variable}) is '{value}'; it must be {string.Join(" or ", Enum.GetNames<TChoice>())}.");
    }
}
