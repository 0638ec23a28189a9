using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Core;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;
using SkChatMessageContent = Microsoft.SemanticKernel.ChatMessageContent;

namespace Ask.Adapters.SemanticKernel.Answering;

/// <summary>
/// One attempt at Semantic Kernel's OpenAI chat connector, over an <see cref="HttpClient"/> this class owns.
/// Turns provider failures into what the pipeline acts on: <see cref="LlmTransientException"/> (retry),
/// a content-filter reply (final, not retried: the same prompt is filtered again), a
/// <see cref="StructuredOutputsRejectedException"/> (the provider has no structured outputs),
/// or another non-transient <see cref="AskException"/>.
/// </summary>
internal sealed class LlmChatClient : IDisposable
{
    private readonly IChatCompletionService _chat;
    private readonly TimeProvider _time;

    public LlmChatClient(LlmOptions options, TimeProvider time)
    {
        _time = time;
        // The HttpClient's own timeout is the attempt timeout: its default of 100 s would otherwise
        // cut slow local models, or outlive the budget. Polly's attempt timeout guards the same span.
        HttpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Timeout,
        };
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            Transport = new HttpClientPipelineTransport(HttpClient),
            // The SDK retries 3 times by default; with Polly retrying too, attempts would multiply.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The HttpClient's timeout governs; a second, different clock would only confuse reports.
            NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        if (LlmProvider.Detect(options) is not ("openai" or "azure-openai"))
            clientOptions.AddPolicy(new MaxTokensCompatibilityPolicy(), PipelinePosition.PerCall);
        // Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
        var key = string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey;
        _chat = new OpenAIChatCompletionService(options.Model, new OpenAIClient(new ApiKeyCredential(key), clientOptions));
    }

    /// <summary>The client the connector sends through; exposed so tests can check its timeout.</summary>
    internal HttpClient HttpClient { get; }

    public async Task<ProviderReply> SendAsync(ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
    {
        SkChatMessageContent message;
        try
        {
            message = await _chat.GetChatMessageContentAsync(history, settings, kernel: null, cancellationToken);
        }
        catch (HttpOperationException ex)
        {
            return IsContentFilter(ex) ? new ProviderReply(CompletionEnd.ContentFilter, null, null, "content_filter") : throw Classify(ex);
        }
        catch (ArgumentOutOfRangeException ex) when (ex.Message.Contains("ChatFinishReason", StringComparison.Ordinal))
        {
            // The OpenAI SDK throws on a finish_reason outside OpenAI's set (null, "eos"), which some
            // "compatible" servers send; the reply can't be read, and asking again won't change that.
            throw new AskException(
                "The LLM endpoint replied with a finish_reason the OpenAI client does not know; it is not fully OpenAI-compatible.",
                isTransient: false, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Nobody cancelled the token, so it was the HttpClient's timeout.
            throw new LlmTransientException(LlmFailure.Timeout, "no reply within the attempt timeout", innerException: ex);
        }
        return Read(message);
    }

    private static ProviderReply Read(SkChatMessageContent message)
    {
        // SK's metadata has no refusal, so read the OpenAI SDK's completion underneath.
        var completion = message.InnerContent as ChatCompletion;
        var reason = completion?.FinishReason;
        var end = reason switch
        {
            ChatFinishReason.Stop => CompletionEnd.Stop,
            ChatFinishReason.Length => CompletionEnd.Length,
            ChatFinishReason.ContentFilter => CompletionEnd.ContentFilter,
            _ => CompletionEnd.Other,
        };
        var refusal = string.IsNullOrEmpty(completion?.Refusal) ? null : completion.Refusal;
        LlmTokenMetrics.Record(completion?.Usage);
        return new ProviderReply(end, message.Content, refusal, reason?.ToString() ?? "unknown", completion?.Usage?.InputTokenCount);
    }

    private static bool IsContentFilter(HttpOperationException ex) =>
        ex.StatusCode == HttpStatusCode.BadRequest && ErrorField(ex.ResponseContent, "code") == "content_filter";

    private Exception Classify(HttpOperationException ex)
    {
        var status = ex.StatusCode;
        var detail = ErrorField(ex.ResponseContent, "message") ?? ex.Message;
        if (detail.Length > 300) detail = detail[..300] + "…";
        if (status is null)
            return new LlmTransientException(LlmFailure.NoResponse, $"no response: {ex.InnerException?.Message ?? ex.Message}", innerException: ex);

        var code = (int)status.Value;
        var retryAfter = RetryAfterHint.Read((ex.InnerException as ClientResultException)?.GetRawResponse()?.Headers, _time);
        return code switch
        {
            429 => new LlmTransientException(LlmFailure.RateLimited, $"HTTP 429 rate limited: {detail}", retryAfter, ex),
            408 or >= 500 => new LlmTransientException(LlmFailure.ServerError, $"HTTP {code}: {detail}", retryAfter, ex),
            // The provider does not take json_schema; the answer model switches to json_object.
            400 when StructuredOutputsRejectedException.Matches(detail, ErrorField(ex.ResponseContent, "param")) =>
                new StructuredOutputsRejectedException($"The LLM endpoint rejected the request with HTTP {code}: {detail}", detail, ex),
            // 400 (bad schema, unsupported response_format), 401/403 (key), 404 (model): retrying won't help.
            _ => new AskException($"The LLM endpoint rejected the request with HTTP {code}: {detail}", isTransient: false, ex),
        };
    }

    /// <summary>Reads <c>error.{field}</c> from an OpenAI-style error body, if it is one.</summary>
    private static string? ErrorField(string? body, string field)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => HttpClient.Dispose();
}
