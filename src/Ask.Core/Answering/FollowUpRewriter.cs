using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// Without a language model, a follow-up that cannot stand alone ("what did she say about monitoring?")
/// is made standalone from the previous answer's people and episode — "what did Maria say about
/// monitoring? (Fraud Detection Without Labels)" — never from the previous question's text, so rewrites
/// cannot nest and a refused turn's topic is never carried.
/// </summary>
public static partial class FollowUpRewriter
{
    [GeneratedRegex(@"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|same|else)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Referring();

    [GeneratedRegex(@"\b(he|she|him|her|his|hers|they|them|their|theirs)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonPronoun();

    // Words after which "her" is an object ("ask her about"), not a possessive ("her team").
    private static readonly HashSet<string> AfterObject = new(StringComparer.OrdinalIgnoreCase)
    {
        "about", "on", "in", "at", "to", "for", "with", "and", "or", "if", "when", "whether", "why", "how", "what", "that",
    };

    /// <summary>
    /// Whether <paramref name="question"/> might lean on the conversation: it refers to someone or something
    /// it does not name (or is too short to say), and the previous turn was answered. Whether it really does is decided by
    /// retrieving it alone first.
    /// </summary>
    public static bool MayNeedContext(string question, IReadOnlyList<ConversationTurn> history) =>
        LastAnswered(history) is not null
        && (Referring().IsMatch(question) || question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < ShortQuestionWords)
        // "the fare that Rachel Lim talked about": a question naming someone in full, and no one by pronoun, has its referent.
        && !(FullName().IsMatch(question) && !PersonPronoun().IsMatch(question));

    // Two capitalised words in a row after the question's first word: "Rachel Lim", "Marco De Sa".
    [GeneratedRegex(@"(?<=\S\s+)\p{Lu}\p{Ll}+(?:\s+(?:de|da|van|von|la|le|lo|di)\b)?\s+\p{Lu}\p{Ll}+", RegexOptions.CultureInvariant)]
    private static partial Regex FullName();

    /// <summary>
    /// Whether <paramref name="question"/> refers to a person it does not name ("what did she say about
    /// drift?"): whoever the topic finds, the question is about the one person the conversation was about.
    /// Then it is rewritten however well it retrieves alone; "they", "it" and "that" are often generic
    /// ("how did they measure food waste?") and are left to the retrieval test.
    /// </summary>
    public static bool RefersToAnUnnamedPerson(string question) =>
        SingularPerson().IsMatch(question) && !QuestionFocus.Of(question).Names.Any(n => NamesAPerson(question, n));

    // "Maria says", "Maria's team", "did Maria think": the capitalised word is someone. "Google", "NLP" and
    // "Kubeflow" in "does she think Kubeflow …" are not.
    private static bool NamesAPerson(string question, string name) =>
        Regex.IsMatch(question, $@"\b{Regex.Escape(name)}(['’]s\b|\s+(say|says|said|think|thinks|thought|mention|mentions|mentioned|recommend|recommends|recommended|suggest|suggests|suggested|do|does|did|work|works|worked|use|uses|used|feel|feels|felt|believe|believes|explain|explains|explained|describe|describes|described)\b)",
            RegexOptions.CultureInvariant);

    /// <summary>
    /// The latest turn a follow-up may refer to: answered, within the kept history. A refused turn in
    /// between carries nothing ("what did she say about monitoring?" after a sourdough question that the
    /// archive did not answer refers to the guest before it, never to sourdough).
    /// </summary>
    private static ConversationTurn? LastAnswered(IReadOnlyList<ConversationTurn> history) =>
        history.LastOrDefault(t => t.CanBeReferredTo);

    [GeneratedRegex(@"\b(he|she|him|her|his|hers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingularPerson();

    // "And Dagster?", "What about MLflow?": too short to say what they are about.
    private const int ShortQuestionWords = 5;

    /// <summary>The question with its first person pronoun replaced by the previous answer's guest and the episode named.</summary>
    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (LastAnswered(history) is not { } previous) return question;
        var rewritten = question.Trim();
        var (people, episode) = Attribution(previous);
        if (people is [var person, ..])
        {
            var match = PersonPronoun().Match(rewritten);
            if (match.Success)
                rewritten = rewritten[..match.Index] + PersonFor(match.Value, rewritten[(match.Index + match.Length)..], person) + rewritten[(match.Index + match.Length)..];
        }
        if (episode is { Length: > 0 } && !rewritten.Contains(episode, StringComparison.OrdinalIgnoreCase))
        {
            // The hint goes after the question's end, where WithoutEpisodeHint finds it again.
            if (!rewritten.EndsWith('?') && !rewritten.EndsWith('.') && !rewritten.EndsWith('!')) rewritten += "?";
            rewritten += $" ({episode})";
        }
        return rewritten;
    }

    /// <summary>The question without the episode <see cref="Rewrite"/> appended: "what did Maria say? (Fraud Models)" → "what did Maria say?".</summary>
    public static string WithoutEpisodeHint(string question)
    {
        var match = EpisodeHint().Match(question);
        return match.Success ? question[..match.Index] : question;
    }

    // Only after the question's own end: a user's "What is MLOps (machine learning operations)?" keeps its brackets.
    [GeneratedRegex(@"(?<=[?.!])\s\([^()\n]{1,200}\)$", RegexOptions.CultureInvariant)]
    private static partial Regex EpisodeHint();

    /// <summary>
    /// The people and the episode a turn's answer quoted. A turn this service recorded carries them; one a
    /// client sent as <c>history</c>, or a Slack thread read back, has only the answer's text, whose
    /// excerpts still say who and where ("Ravi, Lean MLOps for Startups, 3:17–3:35: “…” [1]").
    /// </summary>
    private static (IReadOnlyList<string> People, string? Episode) Attribution(ConversationTurn turn)
    {
        if (turn.People is not null || turn.Episode is not null) return (turn.People ?? [], turn.Episode);
        var lines = AttributionLine().Matches(turn.Answer);
        return (lines.Select(m => m.Groups["speaker"].Value.Trim()).Distinct(StringComparer.Ordinal).ToArray(),
            lines.Count > 0 ? lines[0].Groups["episode"].Value.Trim() : null);
    }

    [GeneratedRegex(@"^(?<speaker>[^,\n“”]{1,60}), (?<episode>[^\n]{1,200}?), \d{1,2}:\d{2}(:\d{2})?–\d{1,2}:\d{2}(:\d{2})?: “", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex AttributionLine();

    private static string PersonFor(string pronoun, string rest, string person)
    {
        var lower = pronoun.ToLowerInvariant();
        var next = NextWord().Match(rest);
        var possessive = lower is "his" or "their" or "hers" or "theirs"
                         || (lower == "her" && next.Success && !AfterObject.Contains(next.Groups[1].Value));
        return possessive ? person + "'s" : person;
    }

    [GeneratedRegex(@"^\s+([\p{L}]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NextWord();
}
