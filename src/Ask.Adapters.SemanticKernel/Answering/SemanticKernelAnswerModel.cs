using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ask.Adapters.SemanticKernel.Prompts;
using Ask.Adapters.SemanticKernel.Resilience;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using Polly;

namespace Ask.Adapters.SemanticKernel.Answering;

/// <summary>
/// Writes answers with a chat model through Semantic Kernel's OpenAI connector. The reply's JSON shape is
/// enforced by the provider (strict <c>json_schema</c> from <see cref="DraftAnswer"/>); whether its content
/// is true to the sources is Core's validator's job, so a reply is returned as it came, with how it ended.
/// A provider that rejects json_schema is asked for <c>json_object</c> instead, with the schema in the prompt
/// (see docs/failure-modes.md#18-a-provider-without-structured-outputs).
/// </summary>
internal sealed class SemanticKernelAnswerModel : IAnswerModel, IDisposable
{
    private readonly LlmOptions _options;
    private readonly LlmChatClient _client;
    private readonly ResilientCall _call;
    private readonly PromptTemplate _answer;
    private readonly PromptTemplate _rewrite;
    private readonly ChatResponseFormat _responseFormat;
    private readonly StructuredOutputs _structuredOutputs;
    private readonly string _provider;
    private readonly ILogger _logger;

    /// <summary>The probe's json_schema: as strict as the answer's, small enough to cost a few tokens.</summary>
    private static readonly ChatResponseFormat ProbeFormat = ChatResponseFormat.CreateJsonSchemaFormat(
        "probe", BinaryData.FromString("{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"],\"additionalProperties\":false}"),
        jsonSchemaIsStrict: true);

    private static readonly ChatResponseFormat JsonObjectFormat = ChatResponseFormat.CreateJsonObjectFormat();

    /// <summary>Longest the startup probe may hold up the start; a slower provider is simply left unchecked.</summary>
    private static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(10);

    public SemanticKernelAnswerModel(LlmOptions options, ResiliencePipeline pipeline, PromptLibrary prompts, ILogger<SemanticKernelAnswerModel> logger, TimeProvider time,
        StructuredOutputs structuredOutputs)
    {
        _options = options;
        _logger = logger;
        _structuredOutputs = structuredOutputs;
        // Loaded now so a missing or broken prompt file stops the host at boot, not on the first question.
        _answer = prompts.Get(PromptNames.Answer, PromptNames.AnswerVersion);
        _rewrite = prompts.Get(PromptNames.Rewrite, PromptNames.RewriteVersion);
        _responseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
            DraftAnswerSchema.Name, BinaryData.FromString(DraftAnswerSchema.Json), jsonSchemaIsStrict: true);
        _client = new LlmChatClient(options, time);
        _call = new ResilientCall(pipeline, options, logger);

        var provider = _provider = LlmProvider.Detect(options);
        Name = $"{provider}:{options.Model}";
        Log.Configured(logger, provider, options.Model, LlmProvider.SafeEndpoint(options),
            options.Timeout.TotalSeconds, options.TotalBudget.TotalSeconds, options.Retry.MaxRetryAttempts);
    }

    public string Name { get; }

    internal LlmOptions Options => _options;

    internal HttpClient HttpClient => _client.HttpClient;

    public async Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        // The lowest-ranked sources go first when the prompt would not fit the model's context; the rules never do (a server that cuts
        // the prompt itself drops its front, where the rules are).
        var shown = prompt.Sources.Count;
        if (_options.ContextTokens is { } context)
            shown = SourceFitting.MostThatFit(prompt.Sources.Count, n => PromptBudget.Estimate(AnswerHistory(prompt, n)), context - _options.MaxOutputTokens)
                ?? throw new AskException($"The answer prompt needs about {PromptBudget.Estimate(AnswerHistory(prompt, 1))} tokens with a single source, more than Llm:ContextTokens ({context}) leaves after Llm:MaxOutputTokens ({_options.MaxOutputTokens}); raise the model's context size.");
        var history = AnswerHistory(prompt, shown);
        int? sourcesUsed = shown < prompt.Sources.Count ? shown : null;
        if (sourcesUsed is not null) Log.SourcesDropped(_logger, prompt.Sources.Count - shown, prompt.Sources.Count, _options.ContextTokens!.Value);
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = _options.MaxOutputTokens,
            Temperature = _options.Temperature,
            Seed = _options.Seed,
            ResponseFormat = _responseFormat,
        };

        var reply = await SendAsync(_answer.Id, history, settings, cancellationToken);
        var estimate = PromptBudget.Estimate(history);
        if (PromptBudget.LooksTruncated(reply.PromptTokens, estimate))
            return new ModelReply(ModelReplyKind.PromptTruncated, null, _answer.Id, SourcesUsed: sourcesUsed,
                Detail: $"the provider read {reply.PromptTokens} prompt tokens of about {estimate} sent, so it cut the prompt to its context window; raise the model's context size (Ollama: num_ctx) or set ASK_LLM_CONTEXT_TOKENS to it");
        return reply switch
        {
            // Checked before the refusal: a filtered or cut reply is never passed on as an answer.
            { End: CompletionEnd.ContentFilter } => new ModelReply(ModelReplyKind.ContentFiltered, null, _answer.Id),
            // Truncated JSON is dropped, not repaired into a partial answer that looks whole.
            { End: CompletionEnd.Length } => new ModelReply(ModelReplyKind.Truncated, null, _answer.Id),
            { Refusal: { } refusal } => new ModelReply(ModelReplyKind.Refused, null, _answer.Id, refusal),
            _ => new ModelReply(ModelReplyKind.Completed, reply.Text ?? "", _answer.Id, SourcesUsed: sourcesUsed),
        };
    }

    private ChatHistory AnswerHistory(AnswerPrompt prompt, int sources)
    {
        var history = new ChatHistory();
        history.AddSystemMessage(_answer.System);
        history.AddUserMessage(_answer.Render("user", new Dictionary<string, string>
        {
            ["question"] = SourceRenderer.Content(prompt.Question),
            ["sources"] = SourceRenderer.Render(prompt.Sources.Take(sources).ToArray()),
        }));
        if (prompt.Repair is { } repair)
        {
            history.AddAssistantMessage(repair.PreviousReply);
            history.AddUserMessage(_answer.Render("repair", new Dictionary<string, string>
            {
                ["errors"] = string.Join('\n', repair.Errors.Select(e => $"- {e}")),
            }));
        }
        return history;
    }

    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        if (history.Count == 0) return question;
        var conversation = new StringBuilder();
        foreach (var turn in history)
        {
            conversation.Append("User: ").Append(SourceRenderer.Content(turn.Question)).Append('\n');
            conversation.Append("Assistant: ").Append(SourceRenderer.Content(turn.Answer)).Append('\n');
        }
        var chat = new ChatHistory();
        chat.AddSystemMessage(_rewrite.System);
        chat.AddUserMessage(_rewrite.Render("user", new Dictionary<string, string>
        {
            ["history"] = conversation.ToString().TrimEnd(),
            ["question"] = SourceRenderer.Content(question),
        }));
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = _options.RewriteMaxOutputTokens,
            Temperature = _options.Temperature,
            Seed = _options.Seed,
        };

        var reply = await SendAsync(_rewrite.Id, chat, settings, cancellationToken);
        var rewritten = reply.Text?.Trim().Trim('"', '“', '”').Trim();
        if (reply.End is CompletionEnd.Stop && reply.Refusal is null && !string.IsNullOrEmpty(rewritten))
            return rewritten.ReplaceLineEndings(" ");
        // A cut, filtered or refused rewrite is worse than the question as asked, which retrieval can still use.
        Log.RewriteUnusable(_logger, reply.Refusal is null ? reply.FinishReason : "refused");
        return question;
    }

    /// <summary>
    /// One chat completion through the resilience pipeline, logged; shared with the evaluation judge. A json_schema
    /// request goes as json_object once the provider is known to reject json_schema; a rejection here flags it and
    /// asks again at once, outside the retry count and the circuit's tally.
    /// </summary>
    internal async Task<ProviderReply> SendAsync(string prompt, ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
    {
        string? schema;
        if (_structuredOutputs.State == StructuredOutputsState.Rejected && (schema = JsonSchemaOf(settings)) is not null)
            return await SendPipelinedAsync(prompt, WithSchemaInPrompt(history, schema), AsJsonObject(settings), cancellationToken);
        try
        {
            return await SendPipelinedAsync(prompt, history, settings, cancellationToken);
        }
        catch (StructuredOutputsRejectedException e) when ((schema = JsonSchemaOf(settings)) is not null)
        {
            Flag(e.Detail, $"a {prompt} request");
            return await SendPipelinedAsync(prompt, WithSchemaInPrompt(history, schema), AsJsonObject(settings), cancellationToken);
        }
    }

    /// <summary>
    /// The startup check (<see cref="LlmOptions.ProbeStructuredOutputs"/>): one tiny json_schema request, straight to
    /// the client so it neither retries nor counts for the circuit. Only a rejection of the format flags the provider;
    /// anything else (down, 5xx, slow, bad key) is logged and leaves json_schema on, and never stops the start.
    /// </summary>
    internal async Task ProbeStructuredOutputsAsync(CancellationToken cancellationToken)
    {
        var history = new ChatHistory();
        history.AddSystemMessage("Reply with a JSON object.");
        history.AddUserMessage("Reply with {\"ok\": true} as JSON.");
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = 16,
            Temperature = _options.Temperature,
            Seed = _options.Seed,
            ResponseFormat = ProbeFormat,
        };
        var budget = _options.Timeout < ProbeBudget ? _options.Timeout : ProbeBudget;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            await _client.SendAsync(history, settings, timeout.Token);
            _structuredOutputs.MarkAccepted();
            Log.StructuredOutputsAccepted(_logger, _provider);
        }
        catch (StructuredOutputsRejectedException e)
        {
            Flag(e.Detail, "the startup check");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            Log.StructuredOutputsUnchecked(_logger, _provider, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no reply within {budget.TotalSeconds:0.###} s"));
        }
        // The check only advises: whatever else goes wrong, the service starts and finds out on the first question.
        catch (Exception e)
        {
            Log.StructuredOutputsUnchecked(_logger, _provider, e is AskException or LlmTransientException ? e.Message : e.GetType().Name);
        }
    }

    private void Flag(string detail, string where)
    {
        if (_structuredOutputs.MarkRejected(detail)) Log.StructuredOutputsRejected(_logger, _provider, where, detail);
    }

    /// <summary>The schema of a json_schema <c>response_format</c>, or null for any other (or none).</summary>
    private static string? JsonSchemaOf(OpenAIPromptExecutionSettings settings)
    {
        if (settings.ResponseFormat is not ChatResponseFormat format) return null;
        var json = JsonNode.Parse(ModelReaderWriter.Write(format, ModelReaderWriterOptions.Json).ToString());
        return json?["type"]?.GetValue<string>() == "json_schema" ? json["json_schema"]?["schema"]?.ToJsonString() : null;
    }

    private static OpenAIPromptExecutionSettings AsJsonObject(OpenAIPromptExecutionSettings settings)
    {
        var copy = (OpenAIPromptExecutionSettings)settings.Clone();
        copy.ResponseFormat = JsonObjectFormat;
        return copy;
    }

    /// <summary>
    /// The history with the schema written out after the system prompt: json_object only promises some JSON
    /// object, and the prompt's "the provided JSON schema" must still be provided.
    /// </summary>
    private static ChatHistory WithSchemaInPrompt(ChatHistory history, string schema)
    {
        var copy = new ChatHistory(history);
        var at = copy.Count > 0 && copy[0].Role == AuthorRole.System ? 1 : 0;
        copy.Insert(at, new Microsoft.SemanticKernel.ChatMessageContent(AuthorRole.System,
            $"This provider cannot enforce the reply's JSON schema, so it is given here. Reply with one JSON object that follows it exactly:\n{schema}"));
        return copy;
    }

    private async Task<ProviderReply> SendPipelinedAsync(string prompt, ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
            Log.Request(_logger, prompt, string.Join("\n\n", history.Select(m => $"[{m.Role}]\n{m.Content}")));
        var started = Stopwatch.GetTimestamp();
        var (reply, attempts) = await _call.ExecuteAsync(prompt, ct => _client.SendAsync(history, settings, ct), cancellationToken);
        Log.Reply(_logger, prompt, reply.FinishReason, reply.Refusal ?? reply.Text);
        Log.Completed(_logger, prompt, reply.End.ToString(), attempts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return reply;
    }

    public void Dispose() => _client.Dispose();
}
