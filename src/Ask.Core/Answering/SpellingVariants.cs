namespace Ask.Core.Answering;

/// <summary>
/// Finds a term in a text whatever its spelling variant: case, spacing and hyphens ("DataTalks" and
/// "Data Talks", "Kube-flow" and "Kubeflow") and British or American spelling ("Programme"/"Program",
/// "modelling"/"modeling", "optimise"/"optimize"). Both sides are reduced the same way, so a reduction
/// that also changes words that were never variants ("enterprise" → "enterprize") changes them on both
/// sides and matches still.
/// </summary>
public sealed class SpellingVariants
{
    private const int MaxWordsInTerm = 3;
    private readonly HashSet<string> _forms = new(StringComparer.Ordinal);

    public SpellingVariants(string text)
    {
        var words = QuoteLocator.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Reduce).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            var joined = words[i];
            _forms.Add(joined);
            for (var n = 1; n < MaxWordsInTerm && i + n < words.Length; n++)
            {
                joined += words[i + n];
                _forms.Add(joined);
            }
        }
    }

    /// <summary>Whether <paramref name="term"/> (one word, or up to three written with spaces or hyphens) is in the text in some spelling.</summary>
    public bool Contains(string term)
    {
        var words = QuoteLocator.Normalize(term).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaxWordsInTerm) return false;
        return _forms.Contains(string.Concat(words.Select(Reduce)));
    }

    /// <summary>One lower-case word reduced to a spelling shared by its British and American forms.</summary>
    public static string Reduce(string word)
    {
        if (word.Length < 5) return word;
        if (word.EndsWith("programme", StringComparison.Ordinal) || word.EndsWith("programmes", StringComparison.Ordinal))
            return word.Replace("programme", "program", StringComparison.Ordinal);
        foreach (var (british, american) in Endings)
        {
            if (word.EndsWith(british, StringComparison.Ordinal) && word.Length - british.Length >= 2)
                return word[..^british.Length] + american;
        }
        return word;
    }

    // Longest endings first: "isation" must win over "ise".
    private static readonly (string British, string American)[] Endings =
    [
        ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize"),
        ("ysing", "yzing"), ("ysed", "yzed"), ("yses", "yzes"), ("yse", "yze"),
        ("ours", "ors"), ("our", "or"), ("tres", "ters"), ("tre", "ter"),
        ("logues", "logs"), ("logue", "log"), ("ences", "enses"), ("ence", "ense"),
        ("elling", "eling"), ("elled", "eled"), ("eller", "eler"), ("alling", "aling"), ("alled", "aled"),
    ];
}
