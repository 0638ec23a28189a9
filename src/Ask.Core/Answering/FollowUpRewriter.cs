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
        history.Count > 0 && history[^1].CanBeReferredTo
        && (Referring().IsMatch(question) || question.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < ShortQuestionWords);

    /// <summary>
    /// Whether <paramref name="question"/> refers to a person it does not name ("what did she say about
    /// drift?"): whoever the topic finds, the question is about the one person the conversation was about.
    /// Then it is rewritten however well it retrieves alone; "they", "it" and "that" are often generic
    /// ("how did they measure food waste?") and are left to the retrieval test.
    /// </summary>
    public static bool RefersToAnUnnamedPerson(string question) =>
        SingularPerson().IsMatch(question) && QuestionFocus.Of(question).Names.Count == 0;

    [GeneratedRegex(@"\b(he|she|him|her|his|hers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingularPerson();

    // "And Dagster?", "What about MLflow?": too short to say what they are about.
    private const int ShortQuestionWords = 5;

    /// <summary>The question with its first person pronoun replaced by the previous answer's guest and the episode named.</summary>
    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (history.Count == 0 || !history[^1].CanBeReferredTo) return question;
        var previous = history[^1];
        var rewritten = question.Trim();
        if (previous.People is [var person, ..])
        {
            var match = PersonPronoun().Match(rewritten);
            if (match.Success)
                rewritten = rewritten[..match.Index] + PersonFor(match.Value, rewritten[(match.Index + match.Length)..], person) + rewritten[(match.Index + match.Length)..];
        }
        if (previous.Episode is { Length: > 0 } episode && !rewritten.Contains(episode, StringComparison.OrdinalIgnoreCase))
            rewritten += $" ({episode})";
        return rewritten;
    }

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
