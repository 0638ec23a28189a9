using System.Text;
using Ask.Adapters.LlamaSharp.Chat;
using Ask.Adapters.SemanticKernel.Answering;
using Ask.Adapters.SemanticKernel.Prompts;
using Ask.Core;
using Ask.Core.Answering;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Ask.Adapters.LlamaSharp.Answering;

/// <summary>
/// Writes answers with the in-process model, from the same prompt files and schema as the OpenAI-compatible
/// provider. The grammar guarantees the reply's shape; Core's validator still decides whether it is true.
/// The prompt is made to fit the context by leaving out the lowest-ranked sources — never the rules — and
/// the reply says how many sources the model was shown.
/// </summary>
internal sealed class LocalAnswerModel : IAnswerModel
{
    private readonly LlamaChatClient _client;
    private readonly LocalLlmOptions _options;
    private readonly PromptTemplate _answer;
    private readonly PromptTemplate _rewrite;
    private readonly ChatResponseFormat _format;
    private readonly ILogger _logger;

    public LocalAnswerModel(LlamaChatClient client, LocalLlmOptions options, PromptLibrary prompts, ILogger<LocalAnswerModel> logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
        _answer = prompts.Get(PromptNames.Answer, PromptNames.AnswerVersion);
        _rewrite = prompts.Get(PromptNames.Rewrite, PromptNames.RewriteVersion);
        _format = ChatResponseFormat.ForJsonSchema(BoundedDraftAnswerSchema.Schema, DraftAnswerSchema.Name);
        Name = $"{LocalLlmOptions.ProviderName}:{Path.GetFileName(options.ModelPath)}";
    }

    public string Name { get; }

    public async Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken)
    {
        var (messages, used) = Fit(prompt);
        var response = await _client.GetResponseAsync(messages, new ChatOptions
        {
            ResponseFormat = _format,
            MaxOutputTokens = _options.MaxOutputTokens,
            Temperature = (float)_options.Temperature,
            Seed = _options.Seed,
        }, cancellationToken);
        if (_logger.IsEnabled(LogLevel.Debug)) Log.Reply(_logger, _answer.Id, response.Text);
        return response.FinishReason == ChatFinishReason.Length
            ? new ModelReply(ModelReplyKind.Truncated, null, _answer.Id, SourcesUsed: used)
            : new ModelReply(ModelReplyKind.Completed, response.Text, _answer.Id, SourcesUsed: used);
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
        if (_client.CountPromptTokens(messages) + _options.RewriteMaxOutputTokens > _client.ContextSize)
        {
            Log.RewriteUnusable(_logger, "conversation longer than the context");
            return question;
        }
        var response = await _client.GetResponseAsync(messages, new ChatOptions
        {
            MaxOutputTokens = _options.RewriteMaxOutputTokens,
            Temperature = (float)_options.Temperature,
            Seed = _options.Seed,
        }, cancellationToken);
        var rewritten = response.Text.Trim().Trim('"', '“', '”').Trim();
        if (response.FinishReason == ChatFinishReason.Stop && rewritten.Length > 0) return rewritten.ReplaceLineEndings(" ");
        Log.RewriteUnusable(_logger, response.FinishReason?.Value ?? "empty");
        return question;
    }

    /// <summary>
    /// The messages with as many sources as fit (highest-ranked first, as numbered) next to the rules, the
    /// question and room for the reply.
    /// </summary>
    /// <exception cref="AskException">Not even one source fits; transient, so the service answers extractively.</exception>
    internal (IReadOnlyList<ChatMessage> Messages, int Used) Fit(AnswerPrompt prompt)
    {
        var budget = _client.ContextSize - _options.MaxOutputTokens;
        if (SourceFitting.MostThatFit(prompt.Sources.Count, n => _client.CountPromptTokens(Messages(prompt, n)), budget) is { } count)
        {
            if (count < prompt.Sources.Count) Log.SourcesDropped(_logger, prompt.Sources.Count - count, prompt.Sources.Count, _client.ContextSize);
            return (Messages(prompt, count), count);
        }
        throw new AskException(
            $"The answer rules, the question and even the top source do not fit the local model's {_client.ContextSize}-token context with {_options.MaxOutputTokens} tokens left for the reply; raise Llm:ContextSize (ASK_LLM_CONTEXT_SIZE).",
            isTransient: true);
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
