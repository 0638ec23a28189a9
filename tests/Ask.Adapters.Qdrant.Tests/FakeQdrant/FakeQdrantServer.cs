using System.Net;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.Qdrant.Tests.FakeQdrant;

/// <summary>
/// An in-process Qdrant stand-in: Kestrel on 127.0.0.1 with a free port, HTTP/2 without TLS (as Qdrant's
/// gRPC port), serving the RPCs the adapter uses from memory. The real Qdrant.Client talks to it over the wire.
/// </summary>
internal sealed class FakeQdrantServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeQdrantServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public FakeQdrantState State => _app.Services.GetRequiredService<FakeQdrantState>();

    public FakeQdrantFaults Faults => _app.Services.GetRequiredService<FakeQdrantFaults>();

    /// <param name="port">The loopback port to listen on; 0 takes a free one (tests), a fixed one serves other processes (the protocol server tool).</param>
    public static async Task<FakeQdrantServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            // Multi-megabyte upserts would otherwise crawl through HTTP/2's default flow-control windows.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = true;
            // Above the adapter's batch cap, so a test can see what the adapter sends instead of a transport limit.
            grpc.MaxReceiveMessageSize = 64 * 1024 * 1024;
        });
        builder.Services.AddSingleton<FakeQdrantState>();
        builder.Services.AddSingleton<FakeQdrantFaults>();
        builder.Services.AddSingleton<FakeQdrantService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<FakeQdrantService>, FakeQdrantMethodProvider>());
        var app = builder.Build();
        app.MapGrpcService<FakeQdrantService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FakeQdrantServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
