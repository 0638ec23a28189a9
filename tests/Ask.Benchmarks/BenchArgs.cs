using Ask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Benchmarks;

internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchArgs Parse(string[] args)
    {
        var result = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var key = args[i][2..];
            result._values[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return result;
    }

    public string Required(string key) => _values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"--{key} is required");
    public string? Optional(string key) => _values.GetValueOrDefault(key);
    public int Int(string key, int fallback) => _values.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary>The services the hosts use, over <c>--data</c>, plus any <c>--set Key=Value</c> overrides.</summary>
    public ServiceProvider BuildServices(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?> { ["Ask:DataDirectory"] = Required("data") };
        foreach (var (k, v) in overrides) settings[k] = v;
        if (Optional("set") is { } set)
            foreach (var pair in set.Split(',', StringSplitOptions.RemoveEmptyEntries))
                settings[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddAskEnvironmentVariables().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddAsk(configuration);
        return services.BuildServiceProvider();
    }
}
