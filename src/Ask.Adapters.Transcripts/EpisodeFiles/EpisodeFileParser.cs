using System.Globalization;
using System.Text.RegularExpressions;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Reads a DataTalks.Club episode file: YAML front matter with metadata, <c>transcript</c> and
/// <c>quotableClips</c>. Keys may come in any order and unknown keys are ignored.
/// </summary>
internal static partial class EpisodeFileParser
{
    public static EpisodeReadResult Parse(SourceText source, FrontMatter frontMatter)
    {
        var offset = frontMatter.LineOffset;
        if (!frontMatter.IsClosed)
            return EpisodeReadResult.Skipped(source.Path, SkipReason.Unreadable, "front matter has no closing '---' line", frontMatter.OpenLine);
        if (FindPlaceholder(source, frontMatter) is { } placeholderLine)
            return EpisodeReadResult.Skipped(source.Path, SkipReason.Template, "a template: it holds {{ placeholders }} instead of values", placeholderLine);

        YamlMappingNode root;
        var parser = new LimitedYamlParser(frontMatter.Yaml(source.Text), offset);
        var cleaner = new YamlEscapeCleaner(parser, offset);
        try
        {
            var stream = new YamlStream();
            stream.Load(cleaner);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
                return EpisodeReadResult.Skipped(source.Path, SkipReason.Unreadable, "front matter is not a YAML mapping of keys to values", frontMatter.OpenLine);
            root = mapping;
        }
        catch (YamlRefusedException e)
        {
            return EpisodeReadResult.Skipped(source.Path, SkipReason.Unreadable, $"YAML refused: {e.Message}", e.FileLine);
        }
        catch (YamlException e)
        {
            return EpisodeReadResult.Skipped(source.Path, SkipReason.Unreadable, $"invalid YAML: {YamlMessage(e)}", offset + (int)e.Start.Line);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            return EpisodeReadResult.Skipped(source.Path, SkipReason.Unreadable, "invalid YAML: the YAML reader stopped here (an unclosed '[' or '{'?)", parser.LastFileLine);
        }

        var context = new ParseContext(source.Path, offset);
        if (cleaner.RemovedControls + cleaner.RemovedBidi > 0)
            context.Problems.Add(new ReadProblem(source.Path, cleaner.FirstRemovedLine, TextCleaner.Removed(cleaner.RemovedControls, cleaner.RemovedBidi, "written as YAML escapes")));
        var map = YamlMap.From(root);
        var id = EpisodeIds.FromFileName(source.FileName);
        var duration = Duration(map, context);
        var lines = TranscriptParser.Read(map.Node("transcript"), context, duration);
        var episode = new Episode(id, Title(map, id, context), lines)
        {
            Short = map.Text("short"),
            Guests = Guests(map.Node("guests")),
            Season = Integer(map, "season", context),
            Number = Integer(map, "episode", context),
            YouTubeId = map.Map("ids")?.Text("youtube") ?? YouTubeIds.FromUrl(map.Map("links")?.Text("youtube")),
            Date = Date(map, context),
            Duration = duration,
            Chapters = ChaptersFromHeaders(lines),
            Clips = ClipParser.Read(map.Node("quotableClips"), context),
            Source = source.Path,
            IsSample = string.Equals(map.Text("sample"), "true", StringComparison.OrdinalIgnoreCase),
            Podcast = PodcastOf(map, context) ?? Podcast.DataTalksClub,
            AudioUrl = map.Text("audio"),
            PageUrl = map.Text("page"),
        };
        return EpisodeReadResult.Read(episode, context.Problems);
    }

    /// <summary>A chapter per header, starting where its first line starts; headers without lines are dropped.</summary>
    internal static IReadOnlyList<Chapter> ChaptersFromHeaders(IReadOnlyList<TranscriptLine> lines)
    {
        var chapters = new List<Chapter>();
        string? current = null;
        foreach (var line in lines)
        {
            if (line.Chapter is null || line.Chapter == current) { current = line.Chapter; continue; }
            current = line.Chapter;
            chapters.Add(new Chapter(line.StartSec, current));
        }
        return chapters;
    }

    private static int? FindPlaceholder(SourceText source, FrontMatter frontMatter)
    {
        var text = source.Text;
        var end = frontMatter.YamlEnd;
        var hit = text.IndexOf("{{", frontMatter.YamlStart, end - frontMatter.YamlStart, StringComparison.Ordinal);
        while (hit >= 0)
        {
            var lineStart = text.LastIndexOf('\n', hit) + 1;
            var lineEnd = text.IndexOf('\n', hit);
            if (PlaceholderValue().IsMatch(text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart)))
                return source.LineAt(hit);
            // Each line is checked once, however many "{{" it holds (checking per hit is quadratic).
            if (lineEnd < 0 || lineEnd + 1 >= end) return null;
            hit = text.IndexOf("{{", lineEnd + 1, end - lineEnd - 1, StringComparison.Ordinal);
        }
        return null;
    }

    private static string Title(YamlMap map, string id, ParseContext context)
    {
        if (map.Text("title") is { } title) return title;
        var fallback = map.Text("short") ?? EpisodeIds.TitleFromFileName(id);
        context.Warn(0, $"no title; using '{fallback}'");
        return fallback;
    }

    /// <summary>The <c>podcast: {id, title}</c> of an episode file written for a feed item; null (the first archive) when absent.</summary>
    private static Podcast? PodcastOf(YamlMap map, ParseContext context)
    {
        if (map.Map("podcast") is not { } podcast) return null;
        var id = podcast.Text("id");
        if (!Feeds.Slugs.IsValid(id))
        {
            context.Warn(map.LineOf("podcast"), $"podcast id '{id}' is not a lower-case slug (letters, digits, hyphens); the episode is filed under '{Podcast.DataTalksClub.Id}'");
            return null;
        }
        return new Podcast(id!, podcast.Text("title") ?? id!);
    }

    private static IReadOnlyList<string> Guests(YamlNode? node) => node switch
    {
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>()
            .Select(s => s.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(),
        YamlScalarNode { Value: { Length: > 0 } one } => [one.Trim()],
        _ => [],
    };

    private static int? Integer(YamlMap map, string key, ParseContext context)
    {
        if (map.Text(key) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        context.Warn(map.LineOf(key), $"{key} '{text}' is not a whole number; ignored");
        return null;
    }

    private static DateOnly? Date(YamlMap map, ParseContext context)
    {
        if (map.Text("dateadded") is not { } text) return null;
        // Dates are written yyyy-MM-dd, sometimes with a time after them that does not matter here.
        var day = text.Length >= 10 ? text[..10] : text;
        if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        context.Warn(map.LineOf("dateadded"), $"dateadded '{text}' is not a date (yyyy-MM-dd); ignored");
        return null;
    }

    private static TimeSpan? Duration(YamlMap map, ParseContext context)
    {
        if (map.Text("duration") is not { } text) return null;
        if (IsoDuration.TryParse(text, out var duration)) return duration;
        context.Warn(map.LineOf("duration"), $"duration '{text}' is not an ISO 8601 duration (PT1H2M3S); ignored");
        return null;
    }

    // YamlDotNet prefixes its messages with marks relative to the front matter, which would contradict
    // the file line reported beside them.
    private static string YamlMessage(YamlException e) => MarkPrefix().Replace(e.Message, "");

    // Linear-time engine: with backtracking, a hostile line of spaces or of "{{" takes quadratic time.
    [GeneratedRegex(@"^\s*-?\s*[\w-]+\s*:\s*.*\{\{\s*[\w.]+\s*\}\}", RegexOptions.NonBacktracking)]
    private static partial Regex PlaceholderValue();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
