using System.Text;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// Makes decoded text safe and uniform before any parser sees it: every line ending (CRLF, CR) becomes
/// LF, so line numbers match editors; tabs become spaces; C0 and C1 control characters and bidirectional
/// overrides and isolates are removed, so nothing a transcript holds can reach a terminal, a log line or
/// Slack as a control sequence or flip the order of what is shown. One warning per file counts what was
/// removed; each invalid UTF-8 sequence is warned about on its own line.
/// </summary>
internal static class TextCleaner
{
    /// <summary>More than this many invalid sequences in one file are summed up in one last warning.</summary>
    public const int MaxInvalidWarnings = 100;

    // Five vectorised range scans: far faster on clean text (nearly every file) than one set lookup.
    private static bool NeedsWork(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('\u0000', '\u0009') || text.ContainsAnyInRange('\u000B', '\u001F')
        || text.ContainsAnyInRange('\u007F', '\u009F') || text.ContainsAnyInRange('\u202A', '\u202E')
        || text.ContainsAnyInRange('\u2066', '\u2069');

    public static string Clean(DecodedSource source, string path, List<ReadProblem> problems)
    {
        var text = source.Text;
        var invalid = source.InvalidSequences;
        if (source.InvalidCount == 0 && !NeedsWork(text)) return text;

        var clean = new StringBuilder(text.Length);
        var line = 1;
        var next = 0;
        var controls = 0;
        var bidi = 0;
        var firstRemovedLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (next < invalid.Count && invalid[next].Index == i)
            {
                problems.Add(new ReadProblem(path, line, $"invalid UTF-8 bytes {invalid[next].Bytes} replaced by U+FFFD"));
                next++;
                clean.Append(c);
                continue;
            }
            switch (c)
            {
                case '\n':
                    line++;
                    clean.Append('\n');
                    break;
                case '\r':
                    // CRLF and a lone CR (old Mac files, some caption exports) are both one line end.
                    if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                    line++;
                    clean.Append('\n');
                    break;
                case '\t':
                    clean.Append(' ');
                    break;
                case >= '\u0080' and <= '\u009F' when MojibakeTail(clean, c) is { } repaired:
                    // "â€\u009D" is "”" whose UTF-8 bytes were read as Windows-1252, where 0x9D is unassigned
                    // and became a C1 character; repairing it here keeps it from being cut in half.
                    clean.Length -= repaired.Lead;
                    clean.Append(repaired.Text);
                    break;
                case < '\u0020' or (>= '\u007F' and <= '\u009F'):
                    controls++;
                    if (firstRemovedLine == 0) firstRemovedLine = line;
                    break;
                case (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'):
                    bidi++;
                    if (firstRemovedLine == 0) firstRemovedLine = line;
                    break;
                default:
                    clean.Append(c);
                    break;
            }
        }
        if (source.InvalidCount > invalid.Count)
            problems.Add(new ReadProblem(path, 0, $"{source.InvalidCount - invalid.Count} more invalid UTF-8 sequences replaced by U+FFFD"));
        if (controls + bidi > 0)
            problems.Add(new ReadProblem(path, firstRemovedLine, Removed(controls, bidi)));
        return clean.ToString();
    }

    /// <summary>
    /// When <paramref name="c"/>, one of the five bytes Windows-1252 leaves unassigned, ends a mis-decoded
    /// UTF-8 sequence already in <paramref name="clean"/> (<c>â€</c> for E2 80, <c>Ã</c> for C3), the
    /// character it stands for and how many characters of the lead to replace.
    /// </summary>
    private static (int Lead, string Text)? MojibakeTail(StringBuilder clean, char c)
    {
        if (c is not ('\u0081' or '\u008D' or '\u008F' or '\u0090' or '\u009D')) return null;
        if (clean.Length >= 2 && clean[^2] == 'â' && clean[^1] == '€') return (2, Encoding.UTF8.GetString([0xE2, 0x80, (byte)c]));
        if (clean.Length >= 1 && clean[^1] == 'Ã') return (1, Encoding.UTF8.GetString([0xC3, (byte)c]));
        return null;
    }

    public static string Removed(int controls, int bidi, string? how = null)
    {
        var parts = new List<string>(2);
        if (controls > 0) parts.Add($"{controls} control character(s)");
        if (bidi > 0) parts.Add($"{bidi} bidirectional override(s)");
        return $"removed {string.Join(" and ", parts)}{(how is null ? "" : " " + how)}, the first on this line";
    }
}
