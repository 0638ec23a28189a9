using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// What a question is after beyond its topic: the people it names, whether it asks for a figure, and
/// whether it is about the host or the episode itself (then the host's words may answer it).
/// </summary>
/// <param name="MoneyWords">For a question asking an amount of money, the words of that kind of money (<see cref="FigureQuestion.MoneyWordsOf"/>).</param>
/// <param name="SpeakerNames">
/// Names the question puts in the speaker's place — "What does Katharine Jarmul recommend …", "According
/// to Lior …", "Angelica Lo Duca's view on …": only that person's own words answer it.
/// </param>
/// <param name="CountedNoun">For a "how many …" question, the words naming what is counted ("github stars" of "How many GitHub stars …").</param>
public sealed partial record QuestionFocus(IReadOnlyList<string> Names, FigureKind Figure, bool AboutHostOrEpisode, IReadOnlyList<string> MoneyWords)
{
    public IReadOnlyList<string> SpeakerNames { get; init; } = [];

    /// <summary>
    /// Names that are the subject of the question's verb — "How does Ellen König handle …", "What did Noah Gift
    /// build …": when the sources know the name as a person, only that person's words answer, as for <see cref="SpeakerNames"/>;
    /// a tool's name ("How does Kubeflow compare …") is no person and changes nothing.
    /// </summary>
    public IReadOnlyList<string> SubjectNames { get; init; } = [];
    public string? CountedNoun { get; init; }

    /// <summary>Whether <paramref name="text"/> states the figure the question asks for (true when it asks none).</summary>
    public bool Figured(string text) =>
        FigureQuestion.States(text, Figure)
        && (MoneyWords.Count == 0 || QuoteLocator.Normalize(text).Split(' ').Any(MoneyWords.Contains))
        && (Figure != FigureKind.Count || CountedNoun is null || FigureQuestion.CountsNoun(text, CountedNoun)
            || (CountingVerb is not null && FigureQuestion.CountsAfterVerb(text, CountingVerb)));

    /// <summary>For a "how many …" question, the verb it ends on (<see cref="FigureQuestion.CountingVerbOf"/>).</summary>
    public string? CountingVerb { get; init; }

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

    // A person's name: capitalised words, with the particles surnames carry ("Marcello La Rocca", "van der Berg").
    private const string Name = @"(?<name>\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:de|da|di|del|der|van|von|la|le|lo|dos|du|bin|al)\s+)?\p{Lu}[\p{L}'’\-]+){0,3})";

    // Verbs only people do, so that "How does Kubeflow compare …" or "What Spark means …" names no speaker.
    private const string SpeakerVerbs = @"(?:say|says|said|think|thinks|thought|believe|believes|believed|recommend|recommends|recommended|suggest|suggests|suggested|advise|advises|advised|argue|argues|argued|feel|feels|felt|predict|predicts|predicted|warn|warns|warned|mention|mentions|mentioned|tell|tells|told|explain|explains|explained|describe|describes|described)";

    private const string OpinionNouns = @"(?:view|views|take|opinion|opinions|advice|thoughts?|recommendations?|stance|position|perspective|answer|explanation|tips?|definition|argument|prediction|predictions|verdict|point|recipe|suggestions?|experience|story)";

    [GeneratedRegex(@"\b(?:according\s+to|per)\s+" + Name
        + @"|\b(?:does|did|do|would|will|has|had|is|was)\s+" + Name + @"\s+(?:\w+\s+)?" + SpeakerVerbs + @"\b"
        + @"|" + Name + @"['’]s\s+(?:\w+\s+)?" + OpinionNouns + @"\b"
        + @"|" + Name + @"\s+(?:" + SpeakerVerbs + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerPosition();

    [GeneratedRegex(@"\b(?i:how|what|why|when|where|which)\s+(?:\w+\s+)?(?:does|did|do|would|will|has|had|is|was|can|could|should)\s+" + Name + @"\s+\p{Ll}",
        RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPosition();

    // "What's Eugene Yan's advice": a capitalised question word before a name is not part of it.
    private static string WithoutLeadingWords(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var skip = words.TakeWhile(w => NotNames.Contains(Possessive().Replace(w, ""))).Count();
        return string.Join(' ', words.Skip(skip));
    }

    public static QuestionFocus Of(string question)
    {
        var names = CapitalisedWord().Matches(question)
            .Select(m => Possessive().Replace(m.Value, "").Trim('-', '\'', '’'))
            .Where(w => w.Length >= 3 && !NotNames.Contains(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var speakerNames = SpeakerPosition().Matches(question)
            .SelectMany(m => m.Groups["name"].Captures)
            .Select(c => WithoutLeadingWords(Possessive().Replace(c.Value, "").Trim('-', '\'', '’')))
            .Where(n => n.Length >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        // "Why did Rahul Jain's team switch …" asks about the team, which others speak for too.
        var subjectNames = SubjectPosition().Matches(question)
            .SelectMany(m => m.Groups["name"].Captures)
            .Where(c => !Possessive().IsMatch(c.Value))
            .Select(c => WithoutLeadingWords(Possessive().Replace(c.Value, "").Trim('-', '\'', '’')))
            .Where(n => n.Length >= 3 && !speakerNames.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var figure = FigureQuestion.Of(question);
        return new QuestionFocus(names, figure, HostOrEpisode().IsMatch(question), FigureQuestion.MoneyWordsOf(question))
        {
            SpeakerNames = speakerNames,
            SubjectNames = subjectNames,
            CountedNoun = figure == FigureKind.Count ? FigureQuestion.CountedNounOf(question) : null,
            CountingVerb = figure == FigureKind.Count ? FigureQuestion.CountingVerbOf(question) : null,
        };
    }
}
