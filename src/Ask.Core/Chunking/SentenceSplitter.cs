using System.Text.RegularExpressions;

namespace Ask.Core.Chunking;

/// <summary>Splits spoken text into sentences at terminal punctuation followed by a new sentence.</summary>
public static partial class SentenceSplitter
{
    // A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets) when whitespace and
    // an uppercase letter, digit or opening quote follow. "e.g. the" or "3.5 million" stay whole.
    [GeneratedRegex(@"(?<=[.!?…][""'”’)\]]*)\s+(?=[\p{Lu}\p{Nd}""'“‘(\[])", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();

    public static IReadOnlyList<string> Split(string text)
    {
        var parts = Boundary().Split(text.Trim());
        return parts.Where(p => p.Length > 0).ToArray();
    }

    /// <summary>
    /// Cuts one sentence that alone exceeds <paramref name="maxWords"/> at word boundaries, preferring
    /// the last comma or semicolon inside the window. Only used when a sentence cannot fit whole.
    /// </summary>
    public static IReadOnlyList<string> SplitLongSentence(string sentence, int maxWords)
    {
        var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords) return [sentence];
        var pieces = new List<string>();
        var start = 0;
        while (start < words.Length)
        {
            var end = Math.Min(words.Length, start + maxWords);
            if (end < words.Length)
            {
                for (var i = end - 1; i >= start + maxWords / 2; i--)
                {
                    if (words[i].EndsWith(',') || words[i].EndsWith(';')) { end = i + 1; break; }
                }
            }
            pieces.Add(string.Join(' ', words, start, end - start));
            start = end;
        }
        return pieces;
    }
}
