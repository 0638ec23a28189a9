using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ask.Hosting.Tests;

/// <summary>
/// A generic host composed the way both Ask hosts compose themselves: configuration in, <see cref="AskServiceCollectionExtensions.AddAsk"/>,
/// build with scope and build-time validation, start (which runs every ValidateOnStart check and the hosted services).
/// </summary>
internal sealed class ComposedHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ComposedHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Composes, builds and starts a host over <paramref name="settings"/>; a bad setting throws from here.</summary>
    public static async Task<ComposedHost> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddAsk(builder.Configuration);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ComposedHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }
}
