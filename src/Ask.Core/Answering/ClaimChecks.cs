using System.Globalization;
using System.Text.RegularExpressions;
using Ask.Core.Chunking;

namespace Ask.Core.Answering;

/// <summary>
/// Checks of an answer's own words against its citations, beyond the quotes themselves: a claim credited
/// to a named person must cite that person's words ("Nemanja says … [1]" with [1] quoting the host is
/// rejected), and every figure the answer states must be in one of its quotes (a model's "30%" that no
/// quote says is invented).
/// </summary>
public static partial class ClaimChecks
{
    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Marker();

    // Digits of a figure; time labels (20:17, 1:02:03) and markers are not figures.
    [GeneratedRegex(@"(?<![\d:\[])\d[\d,]*(\.\d+)?(?![\d:\]])")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}(:\d{2})?\b")]
    private static partial Regex TimeLabel();

    /// <summary>Sentences of <paramref name="text"/> that name a speaker of the sources whose words none of the sentence's citations quote.</summary>
    public static IEnumerable<string> MisattributedClaims(string text, IReadOnlyList<Citation> citations, IReadOnlyCollection<string> speakers)
    {
        if (speakers.Count == 0) yield break;
        var byMarker = citations.ToDictionary(c => c.Marker);
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var cited = Marker().Matches(sentence)
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .Select(n => byMarker.GetValueOrDefault(n)).OfType<Citation>().ToArray();
            if (cited.Length == 0) continue;
            var named = speakers.Where(s => Credits(sentence, s)).ToArray();
            if (named.Length == 0) continue;
            if (cited.Any(c => c.Speaker is not null && named.Contains(c.Speaker, StringComparer.Ordinal))) continue;
            var quoted = string.Join(", ", cited.Select(c => $"[{c.Marker}] quotes {c.Speaker ?? "an unnamed speaker"}"));
            yield return $"The sentence \"{Shorten(sentence)}\" credits {string.Join(" and ", named)}, but {quoted}; cite the words of the person you name, or name the person who said them.";
        }
    }

    private const string Reporting =
        "says|said|say|thinks|thought|argues|argued|explains|explained|mentions|mentioned|notes|noted|believes|believed|suggests|suggested|" +
        "recommends|recommended|describes|described|points|pointed|warns|warned|admits|admitted|recalls|recalled|adds|added|calls|called|" +
        "feels|felt|finds|found|prefers|preferred|advises|advised|claims|claimed|stresses|stressed|emphasizes|emphasises|tells|told|shares|shared|puts|put|answers|answered|replies|replied";

    /// <summary>
    /// Whether <paramref name="sentence"/> credits its claim to <paramref name="person"/>: "Nemanja says",
    /// "Nemanja clearly thinks", "according to Nemanja", "Nemanja's advice". Merely naming someone ("when
    /// Alexey asked about it, the guest said …") credits nobody.
    /// </summary>
    private static bool Credits(string sentence, string person)
    {
        var name = Regex.Escape(person);
        return Regex.IsMatch(sentence,
            $@"\b{name}\b(\s+\w+){{0,2}}?\s+({Reporting})\b|\baccording\s+to\s+{name}\b|\b{name}['’]s\s+(view|opinion|advice|take|recommendation|point|argument|answer|experience|approach)\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>Figures in <paramref name="text"/> (digits, not markers or time labels) that no quote contains, in digits or in words.</summary>
    public static IReadOnlyList<string> UnquotedFigures(string text, IReadOnlyList<Citation> citations)
    {
        var prose = TimeLabel().Replace(Marker().Replace(text, " "), " ");
        var quoted = citations.SelectMany(c => FiguresIn(c.Quote)).ToHashSet(StringComparer.Ordinal);
        return Figure().Matches(prose).Select(m => Digits(m.Value)).Where(f => f.Length > 0 && !quoted.Contains(f)).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> FiguresIn(string quote)
    {
        foreach (Match m in Figure().Matches(quote)) yield return Digits(m.Value);
        foreach (var word in QuoteLocator.Normalize(quote).Split(' '))
            if (NumberWords.TryGetValue(word, out var n)) yield return n.ToString(CultureInfo.InvariantCulture);
    }

    private static string Digits(string figure) => figure.Replace(",", "", StringComparison.Ordinal).TrimEnd('.');

    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100, ["thousand"] = 1000,
        ["half"] = 50, ["dozen"] = 12,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
