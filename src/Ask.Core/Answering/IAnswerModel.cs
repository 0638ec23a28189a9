namespace Ask.Core.Answering;

/// <summary>
/// A language model that writes answers from numbered sources, with its JSON shape enforced by the
/// provider. Implemented once over an IChatClient for every provider (Ask.Answering.ChatModel); absent in extractive mode.
/// </summary>
public interface IAnswerModel
{
    /// <summary>Provider and model, for logs and answers (<c>openai:gpt-4o-mini</c>).</summary>
    string Name { get; }

    /// <summary>Asks for a <see cref="DraftAnswer"/> as JSON. Transport failures throw <see cref="AskException"/>.</summary>
    Task<ModelReply> ComposeAsync(AnswerPrompt prompt, CancellationToken cancellationToken);

    /// <summary>Rewrites a follow-up question into one that stands alone, using the conversation so far.</summary>
    Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken);
}

/// <param name="Repair">Set on the repair round: the rejected reply and why it was rejected.</param>
public sealed record AnswerPrompt(string Question, IReadOnlyList<AnswerSource> Sources, RepairRequest? Repair = null);

public sealed record RepairRequest(string PreviousReply, IReadOnlyList<string> Errors);

public enum ModelReplyKind
{
    /// <summary>The model finished; <see cref="ModelReply.Content"/> should be the JSON.</summary>
    Completed,
    /// <summary>The model declined (<see cref="ModelReply.Refusal"/>).</summary>
    Refused,
    /// <summary>Cut at the output token limit: the JSON is incomplete and must not be repaired into something.</summary>
    Truncated,
    /// <summary>The provider's content filter stopped the prompt or the completion.</summary>
    ContentFiltered,
    /// <summary>
    /// The provider read far fewer prompt tokens than were sent: it cut the prompt to its context window,
    /// dropping the rules at its front (Ollama's <c>num_ctx</c>). <see cref="ModelReply.Detail"/> says by how much.
    /// </summary>
    PromptTruncated,
}

/// <param name="Prompt">Name and version of the prompt used (<c>answer.v1</c>).</param>
/// <param name="SourcesUsed">
/// How many of the sources (the highest-ranked first) the prompt carried, when fewer than all fitted the
/// model's context; citations may name only those. Null: all of them.
/// </param>
public sealed record ModelReply(ModelReplyKind Kind, string? Content, string Prompt, string? Refusal = null, int? SourcesUsed = null, string? Detail = null);

/// <summary>One question and the answer it got, as the conversation's history.</summary>
/// <param name="Question">The question as the user asked it (never a rewrite, so rewrites cannot nest).</param>
public sealed record ConversationTurn(string Question, string Answer)
{
    /// <summary>False when the archive did not answer; such a turn gives a follow-up nothing to refer to.</summary>
    public bool Answered { get; init; } = true;

    /// <summary>The guests the answer quoted, first-cited first (transcript names).</summary>
    public IReadOnlyList<string>? People { get; init; }

    /// <summary>The short title of the episode the answer cited first.</summary>
    public string? Episode { get; init; }

    /// <summary>Whether a follow-up may refer to this turn: it was answered, and not with the refusal text.</summary>
    public bool CanBeReferredTo => Answered && Answer.Length > 0 && !string.Equals(Answer.Trim(), CitationValidator.NotInArchiveText, StringComparison.Ordinal);
}
