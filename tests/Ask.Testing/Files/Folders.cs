namespace Ask.Testing.Files;

/// <summary>Copies of data folders, so a test can start from an index another run wrote and change it freely.</summary>
public static class Folders
{
    /// <summary>Copies every file under <paramref name="from"/> to the same relative path under <paramref name="to"/>.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
