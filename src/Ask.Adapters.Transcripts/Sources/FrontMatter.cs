namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Where the YAML front matter of a file is: between the first two <c>---</c> lines.</summary>
/// <param name="OpenLine">1-based line of the opening <c>---</c>.</param>
/// <param name="YamlStart">Index of the first character after the opening fence line.</param>
/// <param name="YamlEnd">Index of the start of the closing fence line, or -1 when there is none.</param>
internal sealed record FrontMatter(int OpenLine, int YamlStart, int YamlEnd)
{
    // One corpus file has a stray "_" above its opening "---"; a few short junk lines are tolerated.
    private const int MaxLinesBeforeOpening = 3;

    public bool IsClosed => YamlEnd >= YamlStart;

    /// <summary>Add this to a 1-based line number inside the YAML to get the 1-based line of the file.</summary>
    public int LineOffset => OpenLine;

    public string Yaml(string text) => text[YamlStart..(IsClosed ? YamlEnd : text.Length)];

    public static FrontMatter? Find(string text)
    {
        var position = 0;
        var line = 0;
        var junk = 0;
        while (position < text.Length)
        {
            line++;
            var end = text.IndexOf('\n', position);
            var next = end < 0 ? text.Length : end + 1;
            var content = text.AsSpan(position, (end < 0 ? text.Length : end) - position).Trim();
            if (content.SequenceEqual("---")) return new FrontMatter(line, next, FindClose(text, next));
            // Junk is short and not YAML ("_"); anything longer above the fence means this is not front matter.
            if (content.Length > 0 && (++junk > MaxLinesBeforeOpening || content.Length > 3)) return null;
            position = next;
        }
        return null;
    }

    private static int FindClose(string text, int from)
    {
        var position = from;
        while (position < text.Length)
        {
            // Searching for the fence itself skips the bulk of the text in vectorised IndexOf calls.
            var hit = text.IndexOf("---", position, StringComparison.Ordinal);
            if (hit < 0) return -1;
            var lineStart = hit == 0 ? 0 : text.LastIndexOf('\n', hit - 1) + 1;
            var lineEnd = text.IndexOf('\n', hit);
            var lineText = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
            if (lineStart >= from && lineText.TrimEnd().SequenceEqual("---")) return lineStart;
            // On to the next line: stepping past the hit alone would rescan a long line of dashes once per
            // hit, which is quadratic (a hang) on a hostile file.
            if (lineEnd < 0) return -1;
            position = lineEnd + 1;
        }
        return -1;
    }
}
