namespace Ask.Cli.Evaluation;

/// <summary>
/// How a report names the files it was run on. Reports are committed as baselines and compared across
/// machines, so a file inside the directory <c>ask eval</c> ran in (CI runs it from the repository root)
/// is recorded relative to it, with <c>/</c> separators on every platform; only a file outside it keeps its
/// full path, the one name that still finds it.
/// </summary>
internal static class ReportPath
{
    public static string Relative(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path, baseDirectory);
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full);
        var outside = Path.IsPathRooted(relative) || relative == ".." ||
            relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return outside ? full : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
