using System.Text.RegularExpressions;
using Ask.Adapters.Transcripts.Captions;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// Speaker names written into caption text at a change of speaker: <c>Alice: text</c> or <c>[Alice] text</c>.
/// A colon is also ordinary punctuation ("Note: …", "Step two: …"), so prefixes count as names only when
/// the file uses them like names: the same name comes back, and names that come back make up at least
/// half of all prefixes. Sentences with colons seldom repeat their opening word; speakers always do.
/// </summary>
internal static partial class SpeakerPrefixes
{
    private const int MaxDistinctNames = 12;

    // Labels that open sentences with a colon and would otherwise pass for a name that comes back.
    private static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "note", "warning", "example", "tip", "update", "edit", "important", "remember", "source", "caution", "hint",
        "answer", "question", "step", "spoiler", "ps", "fyi",
    };

    /// <summary>The captions with recognised prefixes removed and their speakers set (carried over to later captions).</summary>
    public static List<RawCaption> Apply(IReadOnlyList<RawCaption> captions)
    {
        var found = captions.Select(c => Find(c.Text)).ToList();
        var counts = found.Where(f => f is not null).GroupBy(f => f!.Value.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var total = counts.Values.Sum();
        var recurring = counts.Values.Where(n => n >= 2).Sum();
        if (total < 2 || counts.Count > MaxDistinctNames || recurring * 2 < total) return [.. captions];

        var result = new List<RawCaption>(captions.Count);
        string? speaker = null;
        for (var i = 0; i < captions.Count; i++)
        {
            var text = captions[i].Text;
            if (found[i] is { } prefix)
            {
                speaker = prefix.Name;
                text = text[prefix.Length..].TrimStart();
            }
            if (text.Length > 0) result.Add(captions[i] with { Text = text, Speaker = speaker });
        }
        return result;
    }

    private static (string Name, int Length)? Find(string text)
    {
        var match = Prefix().Match(text);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value.Trim();
        return Labels.Contains(name) ? null : (name, match.Length);
    }

    // One to four capitalised words (initials and "O'Brien" included) before a colon, or anything short in brackets.
    [GeneratedRegex(@"^\s*(?:(?<name>\p{Lu}[\p{L}\p{M}.'’-]{0,30}(?:\s[\p{Lu}\d][\p{L}\p{M}\d.'’-]{0,30}){0,3}):\s|\[(?<name>[^\[\]]{1,40})\]\s*)")]
    private static partial Regex Prefix();
}
