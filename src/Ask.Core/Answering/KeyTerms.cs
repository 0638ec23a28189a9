using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// The words of a question that name something specific — versions and numbers (<c>GPT-6</c>,
/// <c>5.0</c>), CamelCase names and acronyms of four letters or more (<c>DuckLake</c>, <c>OLAP</c>), capitalised words inside the
/// sentence (<c>Mojo</c>). When one of them appears in none of the retrieved sources, the sources talk
/// about something else, however similar they sound: hybrid retrieval would have found a passage
/// containing so rare a word if the archive had one.
/// </summary>
public static partial class KeyTerms
{
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "I", "I'm", "I've", "I'd", "OK", "Q", "A",
    };

    public static IReadOnlyList<string> Of(string question)
    {
        var terms = new List<string>();
        var sentenceStart = true;
        foreach (Match match in Token().Matches(question))
        {
            var token = Possessive().Replace(match.Value.Trim('.', '-', '\''), "");
            var first = sentenceStart;
            sentenceStart = match.Index + match.Length < question.Length && ".?!".Contains(question[match.Index + match.Length]);
            if (token.Length == 0 || NotNames.Contains(token)) continue;
            if (IsKey(token, first)) terms.Add(token);
        }
        return terms.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>
    /// Key terms of <paramref name="question"/> found in no source's text, title, chapter or speakers, in
    /// any spelling (<see cref="SpellingVariants"/>). A name that belongs to a person of a source's episode
    /// is found too: the question may name the guest in full ("Nemanja Radojkovic") where the transcript
    /// only ever says the first name.
    /// </summary>
    public static IReadOnlyList<string> MissingFrom(string question, IReadOnlyList<AnswerSource> sources) => MissingFrom(question, sources, sources);

    /// <summary>
    /// Key terms of <paramref name="question"/> found in none of <paramref name="searched"/> (as above) that name
    /// no person of <paramref name="people"/> either: the passages of one person's episode may lack a topic
    /// that other sources have, while a name of anyone retrieved is no topic.
    /// </summary>
    public static IReadOnlyList<string> MissingFrom(string question, IReadOnlyList<AnswerSource> searched, IReadOnlyList<AnswerSource> people)
    {
        var terms = Of(question);
        if (terms.Count == 0) return [];
        var haystack = new SpellingVariants(string.Join(" ", searched.SelectMany(s =>
            new[] { s.Passage.Text, s.Passage.EpisodeTitle, s.Passage.Chapter ?? "" }.Concat(s.Passage.Speakers))));
        var joined = JoinedInSources(question, haystack);
        return terms.Where(t => !haystack.Contains(t) && !joined.Contains(t) && !people.Any(s => NamesAPerson(t, question, s.Passage))).ToArray();
    }

    /// <summary>
    /// Words of the question's capitalised runs that the sources write as one with their neighbours: "Air Byte"
    /// is there when a source says "Airbyte", though neither "Air" nor "Byte" is there alone.
    /// </summary>
    private static HashSet<string> JoinedInSources(string question, SpellingVariants haystack)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match run in CapitalisedRun().Matches(question))
        {
            var words = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Possessive().Replace(w, "")).ToArray();
            for (var from = 0; from < words.Length; from++)
                for (var to = from + 1; to < Math.Min(words.Length, from + 3); to++)
                    if (haystack.Contains(string.Join(' ', words[from..(to + 1)])))
                        found.UnionWith(words[from..(to + 1)]);
        }
        return found;
    }

    /// <summary>
    /// Whether <paramref name="term"/> names a person of <paramref name="passage"/>'s episode: by itself, by a
    /// part of a hyphenated name ("Maria-Liisa" for the guest <c>mariabruckert</c>), or as a word of a full
    /// name that names the person as a whole ("De" and "Sa" of "Marco De Sa", the guest <c>marcodesa</c>; the
    /// middle name "Ayala" of "Sebastian Ayala Ruano", <c>sebastianayalaruano</c>).
    /// </summary>
    private static bool NamesAPerson(string term, string question, Retrieval.Passage passage)
    {
        if (EpisodePeople.Names(term, passage)) return true;
        if (term.Contains('-') && term.Split('-').Any(part => part.Length >= 3 && EpisodePeople.Names(part, passage))) return true;
        foreach (Match run in CapitalisedRun().Matches(question))
        {
            // Any stretch of the run holding the term: "Does Marco De Sa" holds "Marco De Sa".
            var words = run.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var from = 0; from < words.Length; from++)
                for (var to = from + 1; to < words.Length; to++)
                {
                    if (Array.IndexOf(words, term, from, to - from + 1) < 0) continue;
                    var name = string.Join(' ', words[from..(to + 1)]);
                    if (passage.Guests.Any(g => EpisodePeople.NameOfGuest(name, g))) return true;
                }
        }
        return false;
    }

    [GeneratedRegex(@"\p{Lu}[\p{L}\-]*(?:\s+\p{Lu}[\p{L}\-]*)+")]
    private static partial Regex CapitalisedRun();

    private static bool IsKey(string token, bool sentenceStart)
    {
        var hasDigit = token.Any(char.IsDigit);
        var hasLetter = token.Any(char.IsLetter);
        if (hasDigit) return hasLetter || token.Contains('.') || (int.TryParse(token, out var n) && n >= 100);
        var upper = token.Count(char.IsUpper);
        // Short acronyms (ML, AI, CDO) are said in full as often as not ("machine learning"), so their
        // absence from the sources proves nothing.
        if (upper == token.Length && token.Length <= 3) return false;
        if (upper >= 2) return true;                                 // DuckLake, MLOps, AWS-like names of 4+ letters
        return upper == 1 && char.IsUpper(token[0]) && !sentenceStart && token.Length > 1;   // Mojo, Iceberg
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}.'+#-]*")]
    private static partial Regex Token();

    [GeneratedRegex(@"'s$")]
    private static partial Regex Possessive();
}
