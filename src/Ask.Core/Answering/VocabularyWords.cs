using System.Text.RegularExpressions;

namespace Ask.Core.Answering;

/// <summary>
/// The words of a text that <see cref="UnknownWordCheck"/> compares a question's unknown word with: lower-cased,
/// four letters or more (shorter ones are mostly function words and would only add cost). Ingestion
/// embeds exactly these, so the check finds their vectors ready.
/// </summary>
public static partial class VocabularyWords
{
    /// <summary>The distinct words of <paramref name="text"/>, in order of first appearance.</summary>
    public static IEnumerable<string> Of(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\p{L}[\p{L}-]{3,}")]
    private static partial Regex Word();
}
