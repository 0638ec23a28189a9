using Ask.Adapters.Transcripts.Sources;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>Episode ids and sidecar base names derived from file names.</summary>
internal static class EpisodeIds
{
    private static readonly string[] Extensions = [".md", ".markdown", ".txt", ".yml", ".yaml", ".vtt", ".srt", ".json", ".html", ".htm"];

    // "foo.chapters.txt" and "foo.captions.txt" sit beside "foo.md" and belong to it.
    private static readonly string[] SidecarSuffixes = [".chapters", ".captions", ".transcript", ".raw"];

    /// <summary>The file name without its extensions: <c>foo.md</c> and <c>foo.md.md</c> are both <c>foo</c>.</summary>
    public static string FromFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var extension in Extensions)
            {
                if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    name = name[..^extension.Length];
                    stripped = true;
                }
            }
        }
        return name;
    }

    /// <summary>The base name a sidecar file shares with its episode file.</summary>
    public static string BaseName(string fileName)
    {
        var name = FromFileName(fileName);
        foreach (var suffix in SidecarSuffixes)
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return name[..^suffix.Length];
        return name;
    }

    /// <summary>A readable title from a file name: <c>raw-transcript-of_a-talk</c> becomes "Raw transcript of a talk".</summary>
    public static string TitleFromFileName(string fileName)
    {
        // A file name can hold control characters too; a title is shown to users.
        int controls = 0, bidi = 0;
        var words = UnsafeCharacters.Strip(BaseName(fileName), ref controls, ref bidi).Replace('_', ' ').Replace('-', ' ').Trim();
        if (words.Length == 0) return fileName;
        words = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
