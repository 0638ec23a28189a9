using System.IO.Enumeration;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Expands the paths of an ingest run into the files to read, in a deterministic order.</summary>
internal static class SourceFiles
{
    // Inside folders only text files that may hold one of the formats are considered, so images and
    // build output next to the episodes do not each produce a "skipped" line. A file named explicitly
    // is always read, whatever its extension; its content decides the format either way.
    private static readonly HashSet<string> FolderExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".md", ".markdown", ".txt", ".yml", ".yaml", ".vtt", ".srt", ".json", ".html", ".htm",
    };

    /// <summary>Whether a file in a folder (or an archive member) may hold one of the formats read.</summary>
    public static bool IsCandidate(string path) => FolderExtensions.Contains(Path.GetExtension(path));

    public static (List<string> Files, List<EpisodeReadResult> Missing) Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        var missing = new List<EpisodeReadResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path)) continue;
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                if (seen.Add(full)) files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in InFolder(full))
                    if (seen.Add(file)) files.Add(file);
            }
            else
            {
                missing.Add(EpisodeReadResult.Skipped(path, SkipReason.Unreadable, "no such file or folder"));
            }
        }
        return (files, missing);
    }

    private static IEnumerable<string> InFolder(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            // Hidden folders (.git, .vs) hold no episodes, and some are large.
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            // A linked folder is not entered: a link to a parent folder would repeat every file of the
            // tree once per level until the path gets too long (40 copies of each episode).
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files
            .Where(f => FolderExtensions.Contains(Path.GetExtension(f)) && !IsUnderDotFolder(folder, f))
            .Order(StringComparer.Ordinal);
    }

    // On Linux "hidden" is only a naming convention, which the attribute check above does not see.
    private static bool IsUnderDotFolder(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}
