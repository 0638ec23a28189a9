using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// The timing line of a WebVTT or SRT cue: <c>00:01:02.500 --&gt; 00:01:04.000 align:start</c>. Hours may
/// have any number of digits or be left out (<c>59:16.403 --&gt; 1:04:13.283</c> is one valid cue), and
/// <c>,</c> or <c>.</c> may separate the milliseconds, whichever format the file claims to be.
/// </summary>
internal readonly record struct CueTiming(double StartSec, double EndSec, string Start, string End)
{
    /// <summary>Whether the line has the <c>--&gt;</c> arrow of a timing line, valid or not.</summary>
    public static bool IsTimingLine(string line) => line.Contains("-->", StringComparison.Ordinal);

    /// <summary>Parses a timing line; on failure <paramref name="error"/> names the part that is wrong.</summary>
    public static bool TryParse(string line, out CueTiming timing, out string? error)
    {
        timing = default;
        error = null;
        // Split by hand: a regular expression here cost more than all the rest of reading a cue.
        var arrow = line.IndexOf("-->", StringComparison.Ordinal);
        var start = arrow < 0 ? "" : line[..arrow].Trim();
        var after = arrow < 0 ? "" : line[(arrow + 3)..].TrimStart();
        var space = after.AsSpan().IndexOfAny(' ', '\t');
        // The settings after the end time (align, position, line, size, region) are ignored.
        var end = space < 0 ? after : after[..space];
        if (start.Length == 0 || end.Length == 0 || start.Contains(' '))
        {
            error = "not a cue timing ('start --> end')";
            return false;
        }
        if (!TryParseTime(start, out var startSec))
        {
            error = $"its start '{start}' is not a valid hh:mm:ss.ttt time";
            return false;
        }
        if (!TryParseTime(end, out var endSec))
        {
            error = $"its end '{end}' is not a valid hh:mm:ss.ttt time";
            return false;
        }
        timing = new CueTiming(startSec, endSec, start, end);
        return true;
    }

    public static bool TryParseTime(string text, out double seconds)
    {
        seconds = 0;
        // At least minutes and seconds: a bare number is not a cue time.
        return text.Contains(':') && Timestamp.TryParse(text.Replace(',', '.'), out seconds);
    }

}
