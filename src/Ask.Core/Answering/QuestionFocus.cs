using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// What a question is after beyond its topic: the people it names, whether it asks for a figure, and
/// whether it is about the host or the episode itself (then the host's words may answer it).
/// </summary>
/// <param name="MoneyWords">For a question asking an amount of money, the words of that kind of money (<see cref="FigureQuestion.MoneyWordsOf"/>).</param>
public sealed partial record QuestionFocus(IReadOnlyList<string> Names, FigureKind Figure, bool AboutHostOrEpisode, IReadOnlyList<string> MoneyWords)
{
    /// <summary>Whether <paramref name="text"/> states the figure the question asks for (true when it asks none).</summary>
    public bool Figured(string text) =>
        FigureQuestion.States(text, Figure)
        && (MoneyWords.Count == 0 || QuoteLocator.Normalize(text).Split(' ').Any(MoneyWords.Contains));

    // Capitalised words that start questions or sentences and are never anybody's name here.
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do", "did", "is", "are",
        "was", "were", "can", "could", "would", "should", "will", "has", "have", "had", "according", "and", "but",
        "so", "in", "on", "for", "with", "about", "the", "a", "an", "tell", "give", "list", "name", "explain",
        "describe", "summarize", "summarise", "any", "anyone", "someone", "guest", "guests", "host", "episode",
        "podcast", "i", "we", "you", "he", "she", "they", "it", "this", "that", "these", "those", "there", "and",
        "also", "then", "now", "ok", "okay", "please", "show", "find", "data", "talks", "club", "datatalks",
    };

    [GeneratedRegex(@"\p{Lu}[\p{L}'’\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"\b(host|interviewer|introduc\w*|intro|episode\s+(start|begin|open)\w*|(start|begin|open)\w*\s+the\s+(episode|show|podcast)|welcome\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostOrEpisode();

    [GeneratedRegex(@"['’]s$", RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    public static QuestionFocus Of(string question)
    {
        var names = CapitalisedWord().Matches(question)
            .Select(m => Possessive().Replace(m.Value, "").Trim('-', '\'', '’'))
            .Where(w => w.Length >= 3 && !NotNames.Contains(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return new QuestionFocus(names, FigureQuestion.Of(question), HostOrEpisode().IsMatch(question), FigureQuestion.MoneyWordsOf(question));
    }
}
