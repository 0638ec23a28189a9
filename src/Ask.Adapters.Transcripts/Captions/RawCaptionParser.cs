using System.Globalization;
using System.Text;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Captions;

/// <summary>
/// Reads raw caption transcripts: one <c>M:SS text</c> (or <c>[M:SS]</c>, <c>(M:SS)</c>, <c>M:SS -</c>,
/// <c>H:MM:SS</c>) line per caption. A line without a time continues the caption before it (exports wrap
/// long captions). What cannot be placed (a broken or absurd time, text before the first caption) is
/// left out with a warning naming its line and its text: no words are dropped silently.
/// </summary>
internal static class RawCaptionParser
{
    private const int QuotedTextChars = 80;

    public static List<RawCaption> Parse(SourceText source, List<ReadProblem> problems)
    {
        var captions = new List<RawCaption>(source.Lines.Count);
        var warnings = new LineWarnings(source.Path, problems);
        var previous = 0.0;
        var continuations = 0;
        var firstContinuation = 0;
        var limit = new PlausibleTime(null);
        // The caption being read, open for continuation lines (a builder: appending to a string per
        // line would be quadratic on a file of one caption and a million untimed lines).
        StringBuilder? text = null;
        var start = 0.0;
        var startLine = 0;
        for (var i = 0; i < source.Lines.Count; i++)
        {
            var line = source.Lines[i];
            if (line.Trim().Length == 0) continue;
            if (!TimedLine.TryParse(line, out var timed))
            {
                if (TimedLine.StartsLikeOne(line))
                    warnings.Add(i + 1, LeftOut(line, "its time is not a valid M:SS or H:MM:SS"));
                else if (text is null)
                    warnings.Add(i + 1, LeftOut(line, "no caption before it to continue"));
                else
                {
                    text.Append(' ').Append(Repaired(i, line.Trim(), warnings));
                    if (continuations++ == 0) firstContinuation = i + 1;
                }
                continue;
            }
            if (timed.Text.Length == 0) continue;
            if (limit.Problem(timed.StartSec) is { } absurd)
            {
                warnings.Add(i + 1, LeftOut(line, $"its time {timed.Time} {absurd}"));
                continue;
            }
            if (timed.StartSec < previous)
                warnings.Add(i + 1, string.Create(CultureInfo.InvariantCulture, $"caption time {timed.Time} goes back from {Timestamp.Format(previous)}"));
            previous = Math.Max(previous, timed.StartSec);
            if (text is not null) captions.Add(new RawCaption(start, text.ToString(), startLine));
            (text, start, startLine) = (new StringBuilder(Repaired(i, timed.Text, warnings)), timed.StartSec, i + 1);
        }
        if (text is not null) captions.Add(new RawCaption(start, text.ToString(), startLine));
        warnings.Finish();
        if (continuations > 0)
            problems.Add(new ReadProblem(source.Path, firstContinuation, $"{continuations} line(s) without a time read as the continuation of the caption before them"));
        return captions;
    }

    private static string Repaired(int index, string text, LineWarnings warnings)
    {
        var repair = CaptionRepair.Repair(text);
        foreach (var sequence in repair.Ambiguous)
            warnings.Add(index + 1, $"'{sequence}' looks mis-decoded but cannot be repaired safely; left unchanged");
        return repair.Text;
    }

    internal static string LeftOut(string line, string why) => $"line left out ({why}): '{Quote(line)}'";

    private static string Quote(string line)
    {
        var text = line.Trim();
        return text.Length <= QuotedTextChars ? text : text[..QuotedTextChars] + "…";
    }
}
