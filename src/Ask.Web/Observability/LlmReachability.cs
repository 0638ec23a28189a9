using System.Net.Http.Headers;
using Ask.Answering.ChatModel;

namespace Ask.Web.Observability;

/// <summary>
/// Whether the configured OpenAI-compatible endpoint answers at all: <c>GET {base}/models</c>, which OpenAI,
/// Ollama, vLLM and llama.cpp serve without spending tokens. Any reply but 5xx or a rejected key counts.
/// The detail also says which <c>response_format</c> answers use, so a provider without structured
/// outputs is visible without reading the logs.
/// </summary>
internal sealed class LlmReachability(IServiceProvider services) : IDisposable
{
    private static readonly Uri OpenAI = new("https://api.openai.com/v1/");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<ReadinessItem> CheckAsync(CancellationToken cancellationToken)
    {
        // Registered by the OpenAI-compatible adapter; a model without an HTTP endpoint has nothing to probe.
        if (services.GetService<LlmOptions>() is not { } options) return new(true, "model in process");
        var endpoint = options.BaseUrl ?? OpenAI;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/models"));
        if (!string.IsNullOrEmpty(options.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        const string where = "the LLM endpoint";
        // A probe every few seconds is not worth a trace; its outcome is in /ready's answer.
        using var quiet = OpenTelemetry.SuppressInstrumentationScope.Begin();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return code switch
            {
                401 or 403 => new(false, $"{where} rejected the API key ({code})"),
                >= 500 => new(false, $"{where} answered {code}"),
                _ => new(true, $"{options.Model}{Format()}"),
            };
        }
        catch (HttpRequestException e)
        {
            // The exception names the host and port; the log has it, the unauthenticated probe does not.
            services.GetRequiredService<ILogger<LlmReachability>>().LogWarning(e, "Readiness: the LLM endpoint cannot be reached");
            return new(false, $"cannot reach {where}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"{where} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private string Format() => services.GetService<StructuredOutputs>() is { } formats ? "; " + formats.Describe() : "";

    public void Dispose() => _http.Dispose();
}
