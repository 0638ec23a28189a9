using System.Text;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// The characters ingest removes: C0 and C1 controls (a tab becomes a space, line ends are kept) and the
/// bidirectional overrides, embeddings and isolates that can reorder what a terminal or a chat shows.
/// </summary>
internal static class UnsafeCharacters
{
    public static bool IsControl(char c) => c is < '\u0020' and not '\n' and not '\t' or (>= '\u007F' and <= '\u009F');

    public static bool IsBidi(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The text without them, with tabs and line ends as spaces (a value is one line of text).</summary>
    public static string Strip(string text, ref int controls, ref int bidi)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r') clean.Append(c == '\t' ? ' ' : c);
            else if (IsControl(c)) controls++;
            else if (IsBidi(c)) bidi++;
            else clean.Append(c);
        }
        return clean.ToString();
    }

    public static bool Any(string text)
    {
        foreach (var c in text)
            if (c == '\t' || IsControl(c) || IsBidi(c)) return true;
        return false;
    }
}
