using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Ask.Web.Tests;

/// <summary>
/// The real web service on Kestrel (a real socket, not the in-memory test server), over its own temp
/// data folder so parallel test classes never share an index.
/// </summary>
public sealed class AskApplication : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ask-web-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra service registrations (an in-memory span exporter, a capturing logger), applied after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    // The port is chosen through the URL setting, not UseKestrel(0): with a port, the factory rewrites the server's
    // addresses after the app's own thread may already have started Kestrel, and then fails with "Addresses cannot
    // be modified after the server has started" (a race in the factory, seen once in five full runs under load).
    public AskApplication() => UseKestrel();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("Ask:DataDirectory", DataDirectory);
        // The test host runs as Development, where spans would otherwise be printed into the test log.
        builder.UseSetting("Observability:ConsoleExporter", "false");
        // The structured-outputs probe would take the first scripted reply of a fake model; tests about it turn it on.
        builder.UseSetting("Llm:ProbeStructuredOutputs", "false");
        // Tests send many requests from one address; the rate limit has its own tests (LimitsTests), which lower this.
        builder.UseSetting("Limits:PermitsPerWindow", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // One encoder for every service of the run (the bundled one, as configured by default); a test that
        // chooses another embedder, or registers its own below, gets its own.
        if (!Settings.Keys.Any(k => k.StartsWith("Embeddings:", StringComparison.OrdinalIgnoreCase)))
            builder.ConfigureServices(services => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedEncoder.Instance));
        if (TestServices is not null) builder.ConfigureServices(TestServices);
    }

    /// <summary>An HttpClient addressed at the Kestrel port.</summary>
    public HttpClient CreateRealClient()
    {
        StartServer();
        return CreateClient();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
