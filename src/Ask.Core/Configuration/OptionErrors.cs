using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ask.Core.Configuration;

/// <summary>
/// Collects what is wrong with one options section, each message naming the configuration key, the
/// rule and the value it had ("Retrieval:Candidates must be between 1 and 1000 (was 0)."), so a bad
/// setting stops the start with a line the operator can act on.
/// </summary>
public sealed class OptionErrors(string section)
{
    private readonly List<string> _errors = [];

    public OptionErrors Between(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max) Add(key, $"must be between {Show(min)} and {Show(max)}", Show(value));
        return this;
    }

    public OptionErrors AtLeast(string key, double value, double min)
    {
        if (double.IsNaN(value) || value < min) Add(key, $"must be at least {Show(min)}", Show(value));
        return this;
    }

    public OptionErrors Between(string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max) Add(key, $"must be between {min} and {max}", value.ToString());
        return this;
    }

    public OptionErrors NotEmpty(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(key, "must not be empty", value is null ? "unset" : $"'{value}'");
        return this;
    }

    /// <summary>A rule of its own: <paramref name="rule"/> completes "Section:Key ...".</summary>
    public OptionErrors Require(bool ok, string key, string rule, string was)
    {
        if (!ok) Add(key, rule, was);
        return this;
    }

    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);

    private void Add(string key, string rule, string was) => _errors.Add($"{section}:{key} {rule} (was {was}).");

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
