using System.Globalization;
using Ask.Core.Episodes;
using YamlDotNet.RepresentationModel;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>Reads <c>quotableClips</c>: <c>name</c>, <c>startOffset</c>, <c>endOffset</c> (seconds), <c>url</c>.</summary>
internal static class ClipParser
{
    public static IReadOnlyList<QuotableClip> Read(YamlNode? node, ParseContext context)
    {
        if (node is not YamlSequenceNode items) return [];
        var clips = new List<QuotableClip>(items.Children.Count);
        foreach (var child in items.Children)
        {
            var yamlLine = (int)child.Start.Line;
            if (child is not YamlMappingNode mapping)
            {
                context.Warn(yamlLine, "quotable clip is not a mapping; ignored");
                continue;
            }
            var clip = YamlMap.From(mapping);
            var name = clip.Text("name") ?? "";
            if (!TrySeconds(clip.Text("startOffset"), out var start))
            {
                context.Warn(yamlLine, $"quotable clip '{name}' has no valid startOffset; ignored");
                continue;
            }
            var end = TrySeconds(clip.Text("endOffset"), out var e) ? e : start;
            if (end < start)
            {
                // Kept, clamped to an empty clip at its start: the start is what links point at, and the
                // end is the value known to be wrong (the seed file's last clip ends 35 s before it starts).
                context.Warn(clip.LineOf("endOffset"), string.Create(CultureInfo.InvariantCulture,
                    $"quotable clip '{name}' ends ({end}) before it starts ({start}); end set to the start"));
                end = start;
            }
            clips.Add(new QuotableClip(name, start, end, clip.Text("url")));
        }
        return clips;
    }

    private static bool TrySeconds(string? text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && new PlausibleTime(null).Problem(seconds) is null;
}
