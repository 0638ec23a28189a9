using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Answering.ChatModel;
using Ask.Core;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using OpenAI.Chat;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;
using OpenAIResponseFormat = OpenAI.Chat.ChatResponseFormat;
using SkChatMessageContent = Microsoft.SemanticKernel.ChatMessageContent;

namespace Ask.Adapters.SemanticKernel.Chat;

/// <summary>
/// One attempt at Semantic Kernel's OpenAI chat connector, over an <see cref="HttpClient"/> this class owns:
/// Microsoft.Extensions.AI's request in, its <see cref="ChatResponse"/> out (a refusal as <see cref="ModelRefusal"/>).
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

    /// <summary>One attempt at <paramref name="messages"/>.</summary>
    public Task<ChatResponse> SendAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        SendAsync(Prepare(messages, options), cancellationToken);

    /// <summary>One attempt at a request made once by <see cref="Prepare"/>, so retries send the same thing and spend nothing on it.</summary>
    public async Task<ChatResponse> SendAsync((ChatHistory History, OpenAIPromptExecutionSettings Settings) request, CancellationToken cancellationToken)
    {
        SkChatMessageContent message;
        try
        {
            message = await _chat.GetChatMessageContentAsync(request.History, request.Settings, kernel: null, cancellationToken);
        }
        catch (HttpOperationException ex)
        {
            return IsContentFilter(ex)
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, [])) { FinishReason = ChatFinishReason.ContentFilter }
                : throw Classify(ex);
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

    /// <summary>The connector's form of a request: its history and settings.</summary>
    public static (ChatHistory History, OpenAIPromptExecutionSettings Settings) Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var history = new ChatHistory();
        foreach (var message in messages)
            history.AddMessage(new AuthorRole(message.Role.Value), message.Text);
        return (history, Settings(options));
    }

    /// <summary>
    /// The connector's settings for a request. Every JSON schema goes strict (the schemas are built to fit strict
    /// structured outputs); Ask's own <see cref="ChatOptions.AdditionalProperties"/> stay here, never on the wire.
    /// </summary>
    private static OpenAIPromptExecutionSettings Settings(ChatOptions? options) => new()
    {
        MaxTokens = options?.MaxOutputTokens,
        // float to double would send 0.7 as 0.699999988.
        Temperature = options?.Temperature is { } temperature ? Math.Round(temperature, 4) : null,
        Seed = options?.Seed,
        ResponseFormat = options?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => OpenAIResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription, jsonSchemaIsStrict: true),
            ChatResponseFormatJson => OpenAIResponseFormat.CreateJsonObjectFormat(),
            _ => null,
        },
    };

    private static ChatResponse Read(SkChatMessageContent message)
    {
        // SK's metadata has no refusal, so read the OpenAI SDK's completion underneath.
        var completion = message.InnerContent as ChatCompletion;
        var reason = completion?.FinishReason switch
        {
            OpenAIFinishReason.Stop => ChatFinishReason.Stop,
            OpenAIFinishReason.Length => ChatFinishReason.Length,
            OpenAIFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
            OpenAIFinishReason.ToolCalls => ChatFinishReason.ToolCalls,
            { } other => new ChatFinishReason(other.ToString()),
            null => (ChatFinishReason?)null,
        };
        var reply = new ChatMessage(ChatRole.Assistant, []);
        if (!string.IsNullOrEmpty(message.Content)) reply.Contents.Add(new Microsoft.Extensions.AI.TextContent(message.Content));
        if (!string.IsNullOrEmpty(completion?.Refusal)) reply.Contents.Add(ModelRefusal.Create(completion.Refusal));
        LlmTokenMetrics.Record(completion?.Usage);
        return new ChatResponse(reply)
        {
            FinishReason = reason,
            ModelId = completion?.Model,
            RawRepresentation = completion,
            Usage = completion?.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
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
