using Ask.Adapters.Transcripts.Samples;

namespace Ask.Web.Tests.Page;

/// <summary>
/// The sample episodes with a YouTube id added to each (the shipped ones have no video), so the page has
/// a player to open. The ids are made up; the test answers the player's address itself.
/// </summary>
public static class VideoSamples
{
    /// <returns>The video ids written, in file order.</returns>
    public static IReadOnlyList<string> WriteTo(string folder)
    {
        var ids = new List<string>();
        foreach (var path in SampleEpisodes.WriteTo(folder))
        {
            var video = $"askSample{ids.Count + 1:D2}";
            var text = File.ReadAllText(path);
            if (!text.Contains("\nsample: true\n", StringComparison.Ordinal)) throw new InvalidOperationException($"{path} has no 'sample: true' line to put the video id after");
            File.WriteAllText(path, text.Replace("\nsample: true\n", $"\nsample: true\nids:\n  youtube: '{video}'\n", StringComparison.Ordinal));
            ids.Add(video);
        }
        return ids;
    }
}
