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

    /// <summary>Sets each line's chapter to the last chapter starting at or before it.</summary>
    public static List<TranscriptLine> Assign(IReadOnlyList<TranscriptLine> lines, IReadOnlyList<Chapter> chapters)
    {
        var result = new List<TranscriptLine>(lines.Count);
        foreach (var line in lines)
        {
            string? title = null;
            foreach (var chapter in chapters)
            {
                if (chapter.StartSec > line.StartSec) break;
                title = chapter.Title;
            }
            result.Add(line with { Chapter = title });
        }
        return result;
    }
}
