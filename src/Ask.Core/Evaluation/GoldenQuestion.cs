namespace Ask.Core.Evaluation;

/// <summary>
/// A question with the moment of the archive that answers it, written by reading the transcripts.
/// <see cref="EpisodeId"/> null means the archive cannot answer it.
/// </summary>
public sealed record GoldenQuestion(string Id, string Question, string? EpisodeId, double? StartSec, double? EndSec)
{
    public IReadOnlyList<string> Facts { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The transcript name of the person whose words answer the question, when it is about one person.</summary>
    public string? Speaker { get; init; }

    /// <summary>
    /// The podcast the question is asked of: retrieval and answers are restricted to it, as the API's podcast
    /// filter does, and <see cref="EpisodeId"/> is its episode's index key. Null asks the whole index.
    /// </summary>
    public string? Podcast { get; init; }

    /// <summary>The search filter the question is asked with.</summary>
    public Retrieval.SearchFilter? Filter => Podcast is null ? null : new Retrieval.SearchFilter { Podcasts = [Podcast] };

    /// <summary>Set on the turns of a golden conversation: the conversation's id and what the turn expects of the rewrite.</summary>
    public GoldenTurn? Turn { get; init; }

    public bool IsAnswerable => EpisodeId is not null;
}

/// <summary>Where a question sits in a golden conversation, and what its standalone form must be.</summary>
/// <param name="Conversation">The conversation's id; turns of one conversation are asked in order, each with the previous answer's conversation id.</param>
/// <param name="Index">0 for the first turn.</param>
/// <param name="Unchanged">True: the question stands alone and must be asked as is. False: it must be rewritten.</param>
/// <param name="Mentions">Words the rewritten question must contain (ignoring case).</param>
public sealed record GoldenTurn(string Conversation, int Index, bool Unchanged, IReadOnlyList<string> Mentions)
{
    /// <summary>Whether <paramref name="standalone"/> is what the turn expects for <paramref name="question"/>.</summary>
    public bool Accepts(string question, string standalone) =>
        Unchanged
            ? string.Equals(question.Trim(), standalone.Trim(), StringComparison.Ordinal)
            : !string.Equals(question.Trim(), standalone.Trim(), StringComparison.Ordinal)
              && Mentions.All(m => standalone.Contains(m, StringComparison.OrdinalIgnoreCase));
}
