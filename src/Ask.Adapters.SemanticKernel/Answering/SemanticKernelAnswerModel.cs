using System.Diagnostics;
using System.Text;
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
/// </summary>
internal sealed class SemanticKernelAnswerModel : IAnswerModel, IDisposable
{
    private readonly LlmOptions _options;
    private readonly LlmChatClient _client;
    private readonly ResilientCall _call;
    private readonly PromptTemplate _answer;
    private readonly PromptTemplate _rewrite;
    private readonly ChatResponseFormat _responseFormat;
    private readonly ILogger _logger;

    public SemanticKernelAnswerModel(LlmOptions options, ResiliencePipeline pipeline, PromptLibrary prompts, ILogger<SemanticKernelAnswerModel> logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        // Loaded now so a missing or broken prompt file stops the host at boot, not on the first question.
        _answer = prompts.Get(PromptNames.Answer, PromptNames.AnswerVersion);
        _rewrite = prompts.Get(PromptNames.Rewrite, PromptNames.RewriteVersion);
        _responseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
            DraftAnswerSchema.Name, BinaryData.FromString(DraftAnswerSchema.Json), jsonSchemaIsStrict: true);
        _client = new LlmChatClient(options, time);
        _call = new ResilientCall(pipeline, options, logger);

        var provider = LlmProvider.Detect(options);
        Name = $"{provider}:{options.Model}";
        Log.Configured(logger, provider, options.Model, LlmProvider.SafeEndpoint(options),
            options.Timeout.TotalSeconds, options.TotalBudget.TotalSeconds, options.Retry.MaxRetryAttempts);
    }

    public string Name { get; }

    internal LlmOptions Options => _options;

    internal HttpClient HttpClient => _client.HttpClient;

    public async Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        // The lowest-ranked sources go first when the prompt would not fit the model's context; the rules never do (FM23).
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
            // Truncated JSON is dropped, not repaired into a partial answer (FM20).
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

    /// <summary>One chat completion through the resilience pipeline, logged; shared with the evaluation judge.</summary>
    internal async Task<ProviderReply> SendAsync(string prompt, ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
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
