using System.Text.RegularExpressions;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// A line that starts with a time: <c>M:SS text</c>, <c>H:MM:SS text</c>, <c>[M:SS] text</c>,
/// <c>(M:SS) text</c>, <c>M:SS - text</c>, <c>00:01:14 Title: summary</c>. The text may be empty.
/// </summary>
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

    /// <summary>
    /// Whether the line starts like a timed line, valid or not (<c>1:75 text</c>, <c>[1:3x] text</c>): such a
    /// line is a caption with a broken time, not words continuing the caption before it.
    /// </summary>
    public static bool StartsLikeOne(string line) => TimeLike().IsMatch(line);

    // The time stands alone, in brackets or parentheses; an optional dash or bullet before the text is
    // common in hand-written chapter lists and caption exports.
    [GeneratedRegex(@"^\s*(?:\[(?<time>\d{1,3}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?)\]|\((?<time>\d{1,3}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?)\)|(?<time>\d{1,3}:\d{1,2}(?::\d{1,2})?(?:\.\d+)?)(?=\s|$|[-–—|•]))\s*(?:[-–—|•](?:\s+|$))?(?<text>.*)$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^\s*[\[(]?\d{1,3}:\d")]
    private static partial Regex TimeLike();
}
