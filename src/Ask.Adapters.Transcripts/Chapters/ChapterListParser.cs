using System.Globalization;
using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Chapters;

/// <summary>Reads chapter lists: <c>HH:MM:SS Title: summary</c> per line (the summary is optional).</summary>
internal static class ChapterListParser
{
    public static List<Chapter> Parse(SourceText source, List<ReadProblem> problems)
    {
        var chapters = new List<Chapter>();
        var warnings = new LineWarnings(source.Path, problems);
        var previous = -1.0;
        var limit = new PlausibleTime(null);
        for (var i = 0; i < source.Lines.Count; i++)
        {
            var line = source.Lines[i];
            if (line.Trim().Length == 0) continue;
            if (!TimedLine.TryParse(line, out var timed))
            {
                var why = TimedLine.StartsLikeOne(line) ? "its time is not a valid M:SS or H:MM:SS" : "not a chapter line (time, then title)";
                warnings.Add(i + 1, RawCaptionParser.LeftOut(line, why));
                continue;
            }
            if (limit.Problem(timed.StartSec) is { } absurd)
            {
                warnings.Add(i + 1, RawCaptionParser.LeftOut(line, $"its time {timed.Time} {absurd}"));
                continue;
            }
            if (timed.StartSec < previous)
                warnings.Add(i + 1, string.Create(CultureInfo.InvariantCulture, $"chapter time {timed.Time} goes back from {Timestamp.Format(previous)}"));
            previous = timed.StartSec;
            var text = CaptionRepair.Repair(timed.Text).Text;
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            var title = (colon >= 0 ? text[..colon] : text).Trim().TrimEnd(':').Trim();
            var summary = colon >= 0 ? text[(colon + 2)..].Trim() : null;
            if (title.Length == 0)
            {
                // A chapter without a title still marks where a part starts; a placeholder keeps that.
                title = $"Chapter at {Timestamp.Format(timed.StartSec)}";
                warnings.Add(i + 1, $"chapter without a title; titled '{title}'");
            }
            chapters.Add(string.IsNullOrEmpty(summary) ? new Chapter(timed.StartSec, title) : new Chapter(timed.StartSec, title, summary));
        }
        warnings.Finish();
        return [.. chapters.OrderBy(c => c.StartSec)];
    }

    /// <summary>Sets each line's chapter to the last chapter (in time) starting at or before it.</summary>
    public static List<TranscriptLine> Assign(IReadOnlyList<TranscriptLine> lines, IReadOnlyList<Chapter> chapters)
    {
        // A binary search per line: scanning every chapter for every line is quadratic, and a hostile
        // chapter list can have hundreds of thousands of lines.
        var starts = chapters.OrderBy(c => c.StartSec).ToList();
        var result = new List<TranscriptLine>(lines.Count);
        foreach (var line in lines)
        {
            var (low, high) = (0, starts.Count);
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (starts[middle].StartSec <= line.StartSec) low = middle + 1;
                else high = middle;
            }
            result.Add(line with { Chapter = low > 0 ? starts[low - 1].Title : null });
        }
        return result;
    }
}
