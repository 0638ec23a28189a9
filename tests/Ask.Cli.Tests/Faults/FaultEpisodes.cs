using Ask.Adapters.Transcripts.Samples;

namespace Ask.Cli.Tests.Faults;

/// <summary>
/// The small archives the fault tests ingest: <see cref="Before"/> is the three sample episodes; <see cref="After"/>
/// changes one of them and adds three copies under other ids and titles, every sentence reworded (so their chunks
/// and sentences are embedded anew),
/// which makes an ingest from one to the other read, embed, write and switch.
/// </summary>
internal static class FaultEpisodes
{
    public static string Before(string root)
    {
        var folder = Path.Combine(root, "before");
        SampleEpisodes.WriteTo(folder);
        return folder;
    }

    public static string After(string root)
    {
        var folder = Path.Combine(root, "after");
        var samples = SampleEpisodes.WriteTo(folder).Order(StringComparer.Ordinal).ToArray();
        var changed = samples[0];
        File.WriteAllText(changed, File.ReadAllText(changed).Replace("Welcome to the sample show.", "Welcome back to the sample show, recorded again."));
        for (var copy = 1; copy <= 3; copy++)
        {
            var source = samples[copy % samples.Length];
            // Every sentence changed too: an ingest takes the vectors of sentences the index already holds, and the
            // crash points among the sentence batches must still be reached.
            var text = File.ReadAllText(source).Replace("title: 'Sample: ", $"title: 'Copy {copy}: ").Replace("- line: '", $"- line: 'Copy {copy}. ")
                .Replace(". ", $". In copy {copy}, ");
            File.WriteAllText(Path.Combine(folder, $"copy-{copy}-{Path.GetFileName(source)}"), text);
        }
        return folder;
    }
}
