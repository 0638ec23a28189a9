using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Ask.Core;
using Ask.Adapters.LlamaSharp.Grammar;
using Ask.Adapters.LlamaSharp.Model;
using Ask.Answering.ChatModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp.Chat;

/// <summary>
/// <see cref="IChatClient"/> over a model running in this process. A JSON schema response format becomes a
/// GBNF grammar that constrains sampling, so a completed reply always parses against the schema. Requests
/// share one loaded model and take turns: at most <see cref="LlmOptions.MaxConcurrency"/> generate
/// at once, the rest wait (and leave the queue if cancelled).
/// </summary>
internal sealed class LlamaChatClient : IChatClient
{
    /// <summary>Key in <see cref="ChatResponse.AdditionalProperties"/>: milliseconds to the first output token.</summary>
    public const string FirstTokenMs = "first_token_ms";

    /// <summary>Key in <see cref="ChatResponse.AdditionalProperties"/>: output tokens per second after the first.</summary>
    public const string TokensPerSecond = "tokens_per_second";

    /// <summary>Key in <see cref="ChatResponse.AdditionalProperties"/>: milliseconds spent choosing tokens (grammar included).</summary>
    public const string SamplingMs = "sampling_ms";

    private readonly LocalModel _model;
    private readonly SemaphoreSlim _turns;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _grammars = new(StringComparer.Ordinal);

    /// <param name="time">Times the wait for a turn (<see cref="LlmOptions.QueueTimeout"/>).</param>
    public LlamaChatClient(LocalModel model, TimeProvider time, ILogger<LlamaChatClient> logger)
    {
        _model = model;
        _time = time;
        _logger = logger;
        _turns = new SemaphoreSlim(model.Options.MaxConcurrency, model.Options.MaxConcurrency);
    }

    private int _pending;
    private int _active;

    /// <summary>Takes a turn, or returns false once <paramref name="timeout"/> has passed on the host's clock.</summary>
    private async Task<bool> WaitForTurnAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_turns.Wait(0, CancellationToken.None)) return true;
        using var expiry = new CancellationTokenSource(timeout, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await _turns.WaitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Requests generating right now plus those waiting for a turn.</summary>
    public int Pending => _pending;

    /// <summary>Requests generating right now; never more than <see cref="LlmOptions.MaxConcurrency"/>.</summary>
    public int Active => _active;

    /// <summary>How many tokens <paramref name="messages"/> take as a prompt (template applied).</summary>
    public int CountPromptTokens(IEnumerable<ChatMessage> messages)
    {
        var model = _model.Loaded;
        return model.Tokenize(model.Template.Render(messages)).Length;
    }

    /// <summary>The context size of the loaded model: prompt plus reply must fit in it.</summary>
    public int ContextSize => _model.Loaded.ContextSize;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(messages, options, onText: null, cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var generation = RunAsync(messages, options, piece => pieces.Writer.TryWrite(piece), cancellationToken);
        _ = generation.ContinueWith(t => pieces.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken))
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = _model.Loaded.Name };
        var response = await generation;
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = response.FinishReason, ModelId = response.ModelId, Contents = [new UsageContent(response.Usage!)] };
    }

    private async Task<ChatResponse> RunAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, Action<string>? onText, CancellationToken cancellationToken)
    {
        var model = _model.Loaded;
        var settings = _model.Options;
        var request = new GenerationRequest(
            model.Template.Render(messages),
            GrammarFor(options?.ResponseFormat),
            options?.MaxOutputTokens ?? settings.MaxOutputTokens,
            (float)(options?.Temperature ?? settings.Temperature),
            options?.Seed is { } seed ? unchecked((uint)seed) : settings.Seed);

        // Bounded: at most MaxConcurrency generating plus MaxQueue waiting, each waiting at most QueueTimeout.
        var retryAfter = TimeSpan.FromSeconds(Math.Clamp(settings.QueueTimeout.TotalSeconds / 4, 1, 60));
        if (Interlocked.Increment(ref _pending) > settings.MaxConcurrency + settings.MaxQueue)
        {
            Interlocked.Decrement(ref _pending);
            throw new AskBusyException($"The local model is busy ({settings.MaxQueue} requests already wait for it).", retryAfter);
        }
        try
        {
            if (!await WaitForTurnAsync(settings.QueueTimeout, cancellationToken))
                throw new AskBusyException($"The local model was busy for {settings.QueueTimeout.TotalSeconds:0} s.", retryAfter);
            Interlocked.Increment(ref _active);
            try
            {
                // A pool thread of its own: llama.cpp blocks for the whole generation.
                var result = await Task.Factory.StartNew(() => Generator.Run(model, request, onText, cancellationToken),
                    cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                Log.Generated(_logger, PromptOf(options),
                    result.PromptTokens, result.OutputTokens, result.FirstToken.TotalMilliseconds, result.TokensPerSecond, result.Truncated ? "length" : "stop");
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
                {
                    FinishReason = result.Truncated ? ChatFinishReason.Length : ChatFinishReason.Stop,
                    ModelId = model.Name,
                    Usage = new UsageDetails { InputTokenCount = result.PromptTokens, OutputTokenCount = result.OutputTokens, TotalTokenCount = result.PromptTokens + result.OutputTokens },
                    AdditionalProperties = new AdditionalPropertiesDictionary
                    {
                        [FirstTokenMs] = result.FirstToken.TotalMilliseconds,
                        [TokensPerSecond] = result.TokensPerSecond,
                        [SamplingMs] = result.Sampling.TotalMilliseconds,
                    },
                };
            }
            finally
            {
                Interlocked.Decrement(ref _active);
                _turns.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>The prompt the answer model named, else the schema's name, else "text".</summary>
    private static string PromptOf(ChatOptions? options) =>
        options?.AdditionalProperties?.ContainsKey(ChatRequestProperties.Prompt) == true ? ChatRequestProperties.PromptOf(options)
        : options?.ResponseFormat is ChatResponseFormatJson { SchemaName: { } name } ? name
        : "text";

    /// <summary>The grammar for a JSON schema response format (converted once per schema); none for text.</summary>
    private string? GrammarFor(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } => _grammars.GetOrAdd(schema.GetRawText(), JsonSchemaGbnf.Convert),
        ChatResponseFormatJson => throw new NotSupportedException("A JSON response format needs a schema here: the grammar is built from it."),
        _ => null,
    };

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("llamasharp", null, _model.Options.ModelPath)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _turns.Dispose();
}
