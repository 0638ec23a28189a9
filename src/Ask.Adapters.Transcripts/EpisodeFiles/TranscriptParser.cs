using System.Globalization;
using Ask.Core.Episodes;
using YamlDotNet.RepresentationModel;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Reads the <c>transcript</c> list: <c>header</c> items name the chapter of the lines after them,
/// <c>line</c> items carry <c>sec</c>, <c>time</c> and <c>who</c>. <c>sec</c> is the truth; <c>time</c>
/// is only checked against it.
/// </summary>
internal static class TranscriptParser
{
    /// <param name="duration">The episode's length when its metadata gives one: no line starts after it.</param>
    public static List<TranscriptLine> Read(YamlNode? node, ParseContext context, TimeSpan? duration = null)
    {
        var limit = new PlausibleTime(duration);
        if (node is not YamlSequenceNode items)
        {
            if (node is YamlMappingNode or YamlScalarNode { Value.Length: > 0 }) context.Warn((int)node.Start.Line, "transcript is not a list; ignored");
            return [];
        }
        var pending = new List<PendingLine>(items.Children.Count);
        string? chapter = null;
        double? lastKnown = null;
        var missing = 0;
        var firstMissingLine = 0;
        foreach (var child in items.Children)
        {
            var yamlLine = (int)child.Start.Line;
            if (child is not YamlMappingNode mapping)
            {
                context.Warn(yamlLine, "transcript item is neither a line nor a header; ignored");
                continue;
            }
            var item = YamlMap.From(mapping);
            if (!item.Has("line"))
            {
                if (item.Has("header")) chapter = item.Text("header");
                else context.Warn(yamlLine, "transcript item is neither a line nor a header; ignored");
                continue;
            }
            if (item.Text("line") is not { } text)
            {
                context.Warn(yamlLine, "transcript line is empty; ignored");
                continue;
            }
            var sec = Start(item, context, limit);
            if (sec is { } known)
            {
                if (lastKnown is { } previous && known < previous)
                    context.Warn(item.LineOf("sec"), string.Create(CultureInfo.InvariantCulture, $"sec {known} goes back from {previous} on an earlier line"));
                lastKnown = known;
            }
            else if (missing++ == 0)
            {
                firstMissingLine = context.FileLine(yamlLine);
            }
            pending.Add(new PendingLine(sec, Speaker(item.Text("who")), text, chapter, context.FileLine(yamlLine)));
        }
        if (missing > 0)
            context.Problems.Add(new Core.Ingestion.ReadProblem(context.File, firstMissingLine,
                $"{missing} transcript line(s) have no sec; their start is estimated between their neighbours"));
        return StartEstimator.Fill(pending);
    }

    /// <summary>Some files write the speaker as a label (<c>'Theo:'</c>); the colon is not part of the name.</summary>
    internal static string? Speaker(string? who)
    {
        var name = who?.Trim().TrimEnd(':').Trim();
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The start of a line: <c>sec</c>; else a valid <c>time</c>; else null (to be estimated).</summary>
    private static double? Start(YamlMap item, ParseContext context, PlausibleTime limit)
    {
        var start = StartAsWritten(item, context);
        if (start is { } value && limit.Problem(value) is { } problem)
        {
            var key = item.Has("sec") ? "sec" : "time";
            context.Warn(item.LineOf(key), $"{key} '{item.Text(key)}' {problem}; the start is estimated between its neighbours");
            return null;
        }
        return start;
    }

    private static double? StartAsWritten(YamlMap item, ParseContext context)
    {
        var time = item.Text("time");
        double? timeSec = Timestamp.TryParse(time, out var parsed) ? parsed : null;
        var secText = item.Text("sec");
        double? sec = null;
        if (secText is not null)
        {
            // Out-of-range numbers (negative, infinite, past the end) are judged by the caller, with the line.
            if (double.TryParse(secText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                sec = value;
            else
                context.Warn(item.LineOf("sec"), $"sec '{secText}' is not a number of seconds; ignored");
        }
        if (time is not null && sec is { } s)
        {
            if (timeSec is null)
                context.Warn(item.LineOf("time"), string.Create(CultureInfo.InvariantCulture, $"time '{time}' is not a valid time; using sec {s} ({Timestamp.Format(s)})"));
            else if (Math.Abs(timeSec.Value - s) >= 1)
                context.Warn(item.LineOf("time"), string.Create(CultureInfo.InvariantCulture, $"time '{time}' disagrees with sec {s} ({Timestamp.Format(s)}); using sec"));
        }
        else if (time is not null && timeSec is null)
        {
            context.Warn(item.LineOf("time"), $"time '{time}' is not a valid time and there is no sec; the start is estimated");
        }
        return sec ?? timeSec;
    }
}
