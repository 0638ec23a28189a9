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
        var needle = Normalize(quote);
        if (needle.Length == 0) return null;
        var (haystack, map) = Build(source);
        var at = FindOnWordBoundary(haystack, needle);
        if (at < 0) return null;
        return (map[at], map[at + needle.Length - 1] + 1);
    }

    private static int FindOnWordBoundary(string haystack, string needle)
    {
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var startsWord = at == 0 || haystack[at - 1] == ' ';
            var end = at + needle.Length;
            var endsWord = end == haystack.Length || haystack[end] == ' ';
            // "use kube" must not match inside "reuse kubernetes".
            if (startsWord && endsWord) return at;
        }
        return -1;
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
