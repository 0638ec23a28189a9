namespace Ask.Adapters.Transcripts.Samples;

/// <summary>
/// Three short episodes written for Ask (not taken from any real podcast), in the DataTalks.Club format
/// with <c>sample: true</c>, so a fresh clone has something to ingest and ask about.
/// </summary>
public static class SampleEpisodes
{
    private const string ResourcePrefix = "Samples/";

    /// <summary>The file names <see cref="WriteTo"/> writes.</summary>
    public static IReadOnlyList<string> FileNames { get; } = typeof(SampleEpisodes).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The ids the sample episodes get in the index: placeholders, removed once real episodes are ingested.</summary>
    public static IReadOnlySet<string> Ids { get; } = FileNames.Select(EpisodeFiles.EpisodeIds.FromFileName).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Writes the sample episode files into <paramref name="folder"/> (created if missing). A file that
    /// already holds the same bytes is left untouched, so its timestamp does not trigger a re-ingest.
    /// </summary>
    /// <returns>The full paths of the sample files.</returns>
    public static IReadOnlyList<string> WriteTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var paths = new List<string>(FileNames.Count);
        foreach (var name in FileNames)
        {
            var path = Path.GetFullPath(Path.Combine(folder, name));
            var content = Read(name);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            {
                // Written beside the target and moved over it, so a reader never sees half a file.
                var temp = path + ".tmp";
                File.WriteAllBytes(temp, content);
                File.Move(temp, path, overwrite: true);
            }
            paths.Add(path);
        }
        return paths;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(SampleEpisodes).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The sample episode resource '{name}' is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
