using System.Text.RegularExpressions;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Decides a file's format from its content; the extension is not trusted.</summary>
internal static partial class FormatDetector
{
    // Captions are a few seconds apart, chapters minutes apart; the median gap separates them cleanly.
    private const double ChapterMedianGapSec = 15;
    private const double TimedLineShare = 0.9;

    public static SourceFormat Detect(SourceText source)
    {
        if (FrontMatter.Find(source.Text) is not null) return SourceFormat.EpisodeFile;
        var timed = new List<double>();
        var other = 0;
        foreach (var line in source.Lines)
        {
            if (line.Trim().Length == 0) continue;
            if (TimedLine.TryParse(line, out var timedLine)) timed.Add(timedLine.StartSec);
            else other++;
        }
        if (timed.Count == 0 || timed.Count < TimedLineShare * (timed.Count + other)) return SourceFormat.Unknown;
        return LooksLikeChapters(source, timed) ? SourceFormat.ChapterList : SourceFormat.RawCaptions;
    }

    private static bool LooksLikeChapters(SourceText source, List<double> times)
    {
        if (times.Count >= 2)
        {
            // The lower median, so that one long pause among three captions does not make them chapters.
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToList();
            return gaps[(gaps.Count - 1) / 2] >= ChapterMedianGapSec;
        }
        // One timed line says little; a "Title: summary" shape or the file name decides.
        var only = source.Lines.First(l => l.Trim().Length > 0);
        return TitleWithSummary().IsMatch(only) || source.FileName.Contains("chapter", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^\s*\S+\s+[^:]{1,80}:\s")]
    private static partial Regex TitleWithSummary();
}
