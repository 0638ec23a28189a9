using Ask.Core;
using Ask.Core.Answering;
using Ask.Hosting;
using Ask.Web.Endpoints;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ask.Web.Observability;

/// <summary>
/// Traces, metrics and logs of the service: the <c>Ask</c> activity source and meter plus ASP.NET Core and
/// HttpClient instrumentation; a Prometheus scrape endpoint at <c>/metrics</c>; OTLP export when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the console exporter when asked for; every log line of a
/// request carries its request id.
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddAskObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        builder.Services.AddCheckedOptions<ObservabilityOptions, ObservabilityOptionsValidator>(builder.Configuration.GetSection(ObservabilityOptions.Section));
        // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) itself; adding it only
        // when the variable is set keeps a default install from retrying a collector that is not there.
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = options.ConsoleExporter;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(AskTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context))
                    // A response_url or a token in a URL never reaches a trace (UrlRedaction).
                    .AddHttpClientInstrumentation(o =>
                    {
                        o.EnrichWithHttpRequestMessage = UrlRedaction.Apply;
                        o.EnrichWithHttpResponseMessage = (activity, response) => { if (response.RequestMessage is { } r) UrlRedaction.Apply(activity, r); };
                    });
                if (otlp) tracing.AddOtlpExporter();
                if (console) tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AnswerMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            if (otlp) logging.AddOtlpExporter();
        });
        builder.Services.AddSingleton<LlmReachability>();
        builder.Services.AddSingleton<ReadinessCheck>();
        return builder;
    }

    /// <summary>Opens the request-id log scope and maps <c>/metrics</c>. Call after the request id is known.</summary>
    public static WebApplication UseAskObservability(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ask.Web.Request");
        app.Use(async (context, next) =>
        {
            using (logger.BeginScope(new RequestScope(RequestId.Of(context))))
                await next(context);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>Scrapes and health probes arrive every few seconds; tracing them would bury the questions.</summary>
    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(MetricsPath) || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/ready");
}
