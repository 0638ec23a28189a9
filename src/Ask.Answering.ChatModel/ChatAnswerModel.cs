using System.Text;
using Ask.Answering.ChatModel.Prompts;
using Ask.Answering.ChatModel.Schema;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ask.Answering.ChatModel;

/// <summary>
/// Writes answers with any chat model behind an <see cref="IChatClient"/>: the OpenAI-compatible provider and the
/// in-process one ask the same prompts for the same <see cref="DraftAnswer"/> schema. The reply's JSON shape is
/// enforced by the provider (strict json_schema, or a grammar); whether its content is true to the sources is
/// Core's validator's job, so a reply is returned as it came, with how it ended. The prompt is made to fit the
/// model's context window by leaving out the lowest-ranked sources, never the rules.
/// </summary>
internal sealed class ChatAnswerModel : IAnswerModel
{
    private readonly ChatAnswerSettings _settings;
    private readonly StructuredChat _chat;
    private readonly IPromptTokenCounter _tokens;
    private readonly PromptTemplate _answer;
    private readonly PromptTemplate _rewrite;
    private readonly ChatResponseFormat _format;
    private readonly ILogger _logger;

    public ChatAnswerModel(IChatClient client, ChatAnswerSettings settings, PromptLibrary prompts, StructuredOutputs structuredOutputs,
        IPromptTokenCounter tokens, ILogger<ChatAnswerModel> logger)
    {
        _settings = settings;
        _tokens = tokens;
        _logger = logger;
        _chat = new StructuredChat(client, structuredOutputs, logger);
        // Loaded now so a missing or broken prompt file stops the host at boot, not on the first question.
        _answer = prompts.Get(PromptNames.Answer, PromptNames.AnswerVersion);
        _rewrite = prompts.Get(PromptNames.Rewrite, PromptNames.RewriteVersion);
        _format = ChatResponseFormat.ForJsonSchema(settings.BoundedSchema ? BoundedDraftAnswerSchema.Schema : DraftAnswerSchema.Element, DraftAnswerSchema.Name);
    }

    public string Name => _settings.Name;

    public async Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        var (messages, shown, sent) = Fit(prompt);
        int? sourcesUsed = shown < prompt.Sources.Count ? shown : null;
        var response = await _chat.SendAsync(_answer.Id, messages, new ChatOptions
        {
            ResponseFormat = _format,
            MaxOutputTokens = _settings.MaxOutputTokens,
            Temperature = (float?)_settings.Temperature,
            Seed = _settings.Seed,
        }, cancellationToken);

        if (PromptBudget.LooksTruncated(response.Usage?.InputTokenCount, sent))
            return new ModelReply(ModelReplyKind.PromptTruncated, null, _answer.Id, SourcesUsed: sourcesUsed,
                Detail: $"the provider read {response.Usage!.InputTokenCount} prompt tokens of about {sent} sent, so it cut the prompt to its context window; raise the model's context size (Ollama: num_ctx) or set ASK_LLM_CONTEXT_TOKENS to it");
        var refusal = ModelRefusal.Find(response);
        // Checked before the refusal: a filtered or cut reply is never passed on as an answer.
        if (response.FinishReason == ChatFinishReason.ContentFilter) return new ModelReply(ModelReplyKind.ContentFiltered, null, _answer.Id);
        // Truncated JSON is dropped, not repaired into a partial answer that looks whole.
        if (response.FinishReason == ChatFinishReason.Length) return new ModelReply(ModelReplyKind.Truncated, null, _answer.Id, SourcesUsed: sourcesUsed);
        if (refusal is not null) return new ModelReply(ModelReplyKind.Refused, null, _answer.Id, refusal);
        return new ModelReply(ModelReplyKind.Completed, response.Text, _answer.Id, SourcesUsed: sourcesUsed);
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
        ChatMessage[] messages =
        [
            new(ChatRole.System, _rewrite.System),
            new(ChatRole.User, _rewrite.Render("user", new Dictionary<string, string>
            {
                ["history"] = conversation.ToString().TrimEnd(),
                ["question"] = SourceRenderer.Content(question),
            })),
        ];
        if (_settings.ContextTokens is { } context && _tokens.Count(messages) + _settings.RewriteMaxOutputTokens > context)
        {
            Log.RewriteUnusable(_logger, "longer than the context window");
            return question;
        }

        var response = await _chat.SendAsync(_rewrite.Id, messages, new ChatOptions
        {
            MaxOutputTokens = _settings.RewriteMaxOutputTokens,
            Temperature = (float?)_settings.Temperature,
            Seed = _settings.Seed,
        }, cancellationToken);
        var refusal = ModelRefusal.Find(response);
        var rewritten = response.Text.Trim().Trim('"', '“', '”').Trim();
        if (response.FinishReason == ChatFinishReason.Stop && refusal is null && rewritten.Length > 0)
            return rewritten.ReplaceLineEndings(" ");
        // A cut, filtered or refused rewrite is worse than the question as asked, which retrieval can still use.
        Log.RewriteUnusable(_logger, refusal is not null ? "refused" : response.FinishReason?.Value ?? "empty");
        return question;
    }

    /// <summary>
    /// The messages with as many sources as fit (highest-ranked first, as numbered) next to the rules, the
    /// question and room for the reply (all of them when the context window is not known), and their tokens.
    /// </summary>
    /// <exception cref="AskException">Not even one source fits; transient, so the service answers extractively.</exception>
    internal (IReadOnlyList<ChatMessage> Messages, int Used, int Tokens) Fit(AnswerPrompt prompt)
    {
        // Counted once per candidate: an exact count tokenizes the whole prompt.
        var counted = new Dictionary<int, int>();
        int Tokens(int sources) => counted.TryGetValue(sources, out var tokens) ? tokens : counted[sources] = _tokens.Count(Messages(prompt, sources));

        var all = prompt.Sources.Count;
        if (_settings.ContextTokens is not { } context) return (Messages(prompt, all), all, Tokens(all));
        var budget = context - _settings.MaxOutputTokens;
        if (SourceFitting.MostThatFit(all, Tokens, budget) is not { } count)
            throw new AskException(
                $"The answer prompt needs about {Tokens(Math.Min(1, all))} tokens with a single source, more than Llm:ContextTokens ({context}) leaves after Llm:MaxOutputTokens ({_settings.MaxOutputTokens}); raise Llm:ContextTokens (ASK_LLM_CONTEXT_TOKENS) to the model's context size.",
                isTransient: true);
        if (count < all) Log.SourcesDropped(_logger, all - count, all, context);
        return (Messages(prompt, count), count, Tokens(count));
    }

    internal List<ChatMessage> Messages(AnswerPrompt prompt, int sources)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, _answer.System),
            new(ChatRole.User, _answer.Render("user", new Dictionary<string, string>
            {
                ["question"] = SourceRenderer.Content(prompt.Question),
                ["sources"] = SourceRenderer.Render(prompt.Sources.Take(sources).ToArray()),
            })),
        };
        if (prompt.Repair is { } repair)
        {
            messages.Add(new ChatMessage(ChatRole.Assistant, repair.PreviousReply));
            messages.Add(new ChatMessage(ChatRole.User, _answer.Render("repair", new Dictionary<string, string>
            {
                ["errors"] = string.Join('\n', repair.Errors.Select(e => $"- {e}")),
            })));
        }
        return messages;
    }
}
