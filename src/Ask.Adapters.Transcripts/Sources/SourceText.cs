namespace Ask.Adapters.Transcripts.Sources;

/// <summary>A source file decoded to text. Line i of <see cref="Lines"/> is file line i + 1.</summary>
internal sealed class SourceText(string path, string text)
{
    private string[]? _lines;

    public string Path { get; } = path;

    public string Text { get; } = text;

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// The lines, split on \n with a trailing \r trimmed so numbers match editors for any line ending.
    /// Split on first use only: episode files are read from <see cref="Text"/> directly, and splitting
    /// the whole archive into lines costs more than parsing it.
    /// </summary>
    public IReadOnlyList<string> Lines => _lines ??= Split(Text);

    /// <summary>The 1-based line that character <paramref name="index"/> is on.</summary>
    public int LineAt(int index) => Text.AsSpan(0, Math.Min(index, Text.Length)).Count('\n') + 1;

    private static string[] Split(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return lines;
    }
}
