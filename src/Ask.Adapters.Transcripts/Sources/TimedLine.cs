using System.Text.RegularExpressions;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>A line that starts with a time: <c>M:SS text</c>, <c>H:MM:SS text</c>, <c>00:01:14 Title: summary</c>.</summary>
internal readonly partial record struct TimedLine(double StartSec, string Time, string Text)
{
    public static bool TryParse(string line, out TimedLine timed)
    {
        timed = default;
        var match = Shape().Match(line);
        if (!match.Success || !Timestamp.TryParse(match.Groups["time"].Value, out var seconds)) return false;
        timed = new TimedLine(seconds, match.Groups["time"].Value, match.Groups["text"].Value.Trim());
        return true;
    }

    // An optional dash or bullet between time and text is common in hand-written chapter lists.
    [GeneratedRegex(@"^\s*\[?(?<time>\d{1,3}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?)\]?\s*(?:[-–—|•]\s*)?\s(?<text>\S.*)$")]
    private static partial Regex Shape();
}
