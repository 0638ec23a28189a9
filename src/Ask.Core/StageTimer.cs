using System.Diagnostics;

namespace Ask.Core;

/// <summary>Times the stages of one request for the <c>timings_ms</c> a response reports.</summary>
internal static class StageTimer
{
    /// <summary>Milliseconds since the last lap (rounded to microseconds), and restarts the clock.</summary>
    public static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return Math.Round(ms, 3);
    }
}
