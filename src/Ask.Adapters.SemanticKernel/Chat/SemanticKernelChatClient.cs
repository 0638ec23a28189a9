using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Answering.ChatModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;

namespace Ask.Adapters.SemanticKernel.Chat;

/// <summary>
/// The OpenAI-compatible provider as an <see cref="IChatClient"/>: every request goes through the
/// <see cref="LlmPipeline"/> (budget, retries, circuit, attempt timeout) around Semantic Kernel's connector,
/// and ends as a response or an <see cref="Ask.Core.AskException"/> saying which limit gave out.
/// </summary>
internal sealed class SemanticKernelChatClient : IChatClient
{
    private readonly LlmChatClient _connector;
    private readonly ResilientCall _call;
    private readonly ChatClientMetadata _metadata;
    private readonly ILogger _logger;

    public SemanticKernelChatClient(LlmChatClient connector, ResiliencePipeline pipeline, LlmOptions options, ILogger<SemanticKernelChatClient> logger)
    {
        _connector = connector;
        _logger = logger;
        _call = new ResilientCall(pipeline, options, logger);
        var provider = LlmProvider.Detect(options);
        _metadata = new ChatClientMetadata(provider, options.BaseUrl, options.Model);
        Log.Configured(logger, provider, options.Model, LlmProvider.SafeEndpoint(options),
            options.Timeout.TotalSeconds, options.TotalBudget.TotalSeconds, options.Retry.MaxRetryAttempts);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Made once, outside the attempts: each sends the same request, and its timeout measures the wire alone.
        var request = LlmChatClient.Prepare(messages, options);
        var prompt = ChatRequestProperties.PromptOf(options);
        var started = Stopwatch.GetTimestamp();
        var (response, attempts) = await _call.ExecuteAsync(prompt, ct => _connector.SendAsync(request, ct), cancellationToken);
        Log.Completed(_logger, prompt, response.FinishReason?.Value ?? "unknown", attempts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    /// <summary>Answers are validated whole, so a stream would only be the response in one piece.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    // The connector (and its HttpClient) belongs to the container, which disposes it.
    public void Dispose() { }
}
