using Ask.Cli.Commands;
using Ask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ask.Cli;

/// <summary>Builds the same services the web host uses, configured from the environment and the command line.</summary>
internal static class CliHost
{
    public static ServiceProvider Build(CommonSettings settings, IEnumerable<KeyValuePair<string, string?>>? extra = null,
        Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddAskEnvironmentVariables()
            .AddInMemoryCollection(settings.ToConfiguration().Concat(extra ?? []))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => { o.SingleLine = true; })
            .AddFilter((category, level) => level >= (settings.Verbose ? LogLevel.Information : LogLevel.Error)));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddAsk(configuration);
        configure?.Invoke(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            // No generic host runs the start-time checks here; a bad setting must stop the command before it works.
            provider.ValidateOnStartNow();
        }
        catch
        {
            provider.Dispose();
            throw;
        }
        return provider;
    }

    /// <summary>Cancels on Ctrl+C so a long ingest stops cleanly, leaving the previous index serving.</summary>
    public static CancellationToken CancelOnCtrlC(CancellationToken token)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts.Token;
    }
}
