using System.Globalization;
using System.Text;

namespace Ask.Cli;

/// <summary>
/// Makes text from transcripts, file names and messages safe to print: control characters (C0, DEL, C1)
/// and bidirectional overrides and isolates are shown as <c>\u001B</c>-style escapes, so no text can
/// move the cursor, rewrite a line, ring the bell, forge a log line or flip what the terminal shows.
/// Ingest removes them already; this also covers indexes built before it did, and file names.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsUnsafe)) return text;
        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c)) safe.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else safe.Append(c);
        }
        return safe.ToString();
    }

    private static bool IsUnsafe(char c) =>
        c < '\u0020' || c is >= '\u007F' and <= '\u009F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
