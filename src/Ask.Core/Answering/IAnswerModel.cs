namespace Ask.Core.Answering;

/// <summary>
/// A language model that writes answers from numbered sources, with its JSON shape enforced by the
/// provider. Implemented over Semantic Kernel (OpenAI-compatible endpoints); absent in extractive mode.
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
}

/// <param name="Prompt">Name and version of the prompt used (<c>answer.v1</c>).</param>
/// <param name="SourcesUsed">
/// How many of the prompt's sources (the first, highest-ranked ones) the model was shown, when a provider
/// had to leave some out to fit its context; null means all of them.
/// </param>
public sealed record ModelReply(ModelReplyKind Kind, string? Content, string Prompt, string? Refusal = null, int? SourcesUsed = null);

/// <summary>One question and the answer it got, as the conversation's history.</summary>
public sealed record ConversationTurn(string Question, string Answer);
