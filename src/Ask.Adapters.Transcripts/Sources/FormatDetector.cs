using System.Text.RegularExpressions;
using Ask.Adapters.Transcripts.EpisodeFiles;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Decides a file's format from its content; the extension is not trusted.</summary>
internal static partial class FormatDetector
{
    // Captions are a few seconds apart, chapters minutes apart; the median gap separates them cleanly.
    private const double ChapterMedianGapSec = 15;
    private const double TimedLineShare = 0.9;
    // Caption exports that wrap long captions have a line without a time after most timed ones; a file
    // that starts with timed lines and keeps a good share of them is still timed text.
    private const double WrappedTimedLineShare = 0.3;
    private const int OpeningLines = 3;
    // A cue number and a stray line or two may come before the first timing line of an SRT file.
    private const int OpeningCueLines = 4;

    public static SourceFormat Detect(SourceText source)
    {
        if (FrontMatter.Find(source.Text) is not null) return SourceFormat.EpisodeFile;
        if (DetectMarkup(source) is { } marked) return marked;
        var timed = new List<double>();
        var timedCount = 0;
        var other = 0;
        var opensTimed = false;
        foreach (var line in source.Lines)
        {
            if (line.Trim().Length == 0) continue;
            if (TimedLine.TryParse(line, out var timedLine))
            {
                if (timedCount + other < OpeningLines) opensTimed = true;
                timedCount++;
                // An absurd time (999:59:59) is a broken caption; its gap would make the captions chapters.
                if (timedLine.StartSec <= PlausibleTime.MaxSec) timed.Add(timedLine.StartSec);
            }
            else other++;
        }
        var share = timedCount / (double)Math.Max(1, timedCount + other);
        if (timed.Count == 0 || (share < TimedLineShare && !(opensTimed && share >= WrappedTimedLineShare))) return SourceFormat.Unknown;
        return LooksLikeChapters(source, timed) ? SourceFormat.ChapterList : SourceFormat.RawCaptions;
    }

    /// <summary>The formats that announce themselves in their first characters or lines.</summary>
    private static SourceFormat? DetectMarkup(SourceText source)
    {
        var head = source.Text.AsSpan().TrimStart();
        if (head.StartsWith("WEBVTT", StringComparison.Ordinal) && (head.Length == 6 || char.IsWhiteSpace(head[6]))) return SourceFormat.WebVtt;
        // Only an object: a raw caption line may open with '[' ('[0:01] Hello').
        if (head.Length > 0 && head[0] == '{') return SourceFormat.Json;
        if (head.Length > 0 && head[0] == '<' && Html.HtmlTranscriptParser.LooksLikeTranscript(source.Text)) return SourceFormat.Html;
        if (!OpensWithCueTiming(source)) return null;
        // A WebVTT file that lost its header still names its speakers in voice spans; SRT never has them.
        return source.Text.Contains("<v ", StringComparison.Ordinal) ? SourceFormat.WebVtt : SourceFormat.Srt;
    }

    // SRT has no header: a timing line ("00:00:01,000 --> 00:00:03,000") among the first lines shows it.
    private static bool OpensWithCueTiming(SourceText source)
    {
        var seen = 0;
        foreach (var line in source.Lines)
        {
            if (line.Trim().Length == 0) continue;
            if (Cues.CueTiming.IsTimingLine(line)) return Cues.CueTiming.TryParse(line, out _, out _);
            if (++seen >= OpeningCueLines) return false;
        }
        return false;
    }

    private static bool LooksLikeChapters(SourceText source, List<double> times)
    {
        if (times.Count >= 2)
        {
            // The lower median, so that one long pause among three captions does not make them chapters;
            // gaps count both ways, so a chapter listed out of order does not make the list captions.
            var gaps = times.Zip(times.Skip(1), (a, b) => Math.Abs(b - a)).Order().ToList();
            return gaps[(gaps.Count - 1) / 2] >= ChapterMedianGapSec;
        }
        // One timed line says little; a "Title: summary" shape or the file name decides.
        var only = source.Lines.First(l => TimedLine.TryParse(l, out _));
        return TitleWithSummary().IsMatch(only) || source.FileName.Contains("chapter", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\s*\S+\s+[^:]{1,80}:\s")]
    private static partial Regex TitleWithSummary();
}
