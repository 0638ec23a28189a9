using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Ask.Web.Tests.Observability;

/// <summary>The service with its spans exported to memory and its logs captured with their scopes.</summary>
public sealed class TelemetryApplication : IAsyncDisposable
{
    private readonly SpanLog _spans = new();

    public AskApplication App { get; } = new();
    public ScopeCapturingLoggerProvider Logs { get; } = new();

    public TelemetryApplication()
    {
        App.TestServices = services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            services.AddSingleton<ILoggerProvider>(Logs);
        };
    }

    /// <summary>The spans of one trace, once the one named <paramref name="last"/> has ended (the server span ends after the response).</summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(string traceId, string last)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Activity[] spans;
            spans = _spans.Snapshot().Where(s => s.TraceId.ToHexString() == traceId).ToArray();
            if (spans.Any(s => s.DisplayName == last || s.OperationName == last)) return spans;
            if (waited.Elapsed > TimeSpan.FromSeconds(10))
                throw new TimeoutException($"no span {last} in trace {traceId}; got {string.Join(", ", spans.Select(s => s.DisplayName))}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
