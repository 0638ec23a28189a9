using System.Text;

namespace Ask.Core.Answering;

/// <summary>
/// Finds a quote in a source text ignoring case, punctuation and spacing — the documented
/// normalisation — and maps the match back to offsets in the original text.
/// </summary>
public static class QuoteLocator
{
    /// <summary>The text with letters and digits lower-cased, every other run of characters one space.</summary>
    public static string Normalize(string text) => Build(text).Normalized;

    /// <summary>Start and end (exclusive) of the quote in <paramref name="source"/>, or null when it is not there.</summary>
    public static (int Start, int End)? Find(string source, string quote)
    {
        foreach (var found in FindAll(source, quote)) return found;
        return null;
    }

    /// <summary>Every place the quote is in <paramref name="source"/>, in order: a transcript can say the same words twice.</summary>
    public static IEnumerable<(int Start, int End)> FindAll(string source, string quote)
    {
        var needle = Normalize(quote);
        if (needle.Length == 0) yield break;
        var (haystack, map) = Build(source);
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var startsWord = at == 0 || haystack[at - 1] == ' ';
            var end = at + needle.Length;
            var endsWord = end == haystack.Length || haystack[end] == ' ';
            // "use kube" must not match inside "reuse kubernetes".
            if (startsWord && endsWord) yield return (map[at], map[at + needle.Length - 1] + 1);
        }
    }

    private static (string Normalized, int[] Map) Build(string text)
    {
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                    map.Add(i);
                }
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(c));
                map.Add(i);
            }
            else
            {
                pendingSpace = true;
            }
        }
        return (sb.ToString(), map.ToArray());
    }
}
