using System.Diagnostics;
using System.Globalization;

namespace Ask.Core.Ingestion;

/// <summary>
/// TEST ONLY. Named moments of an ingest at which the fault tests kill the process. With
/// <c>ASK_TEST_CRASH_AT=stage:n</c> set, the process sends itself SIGKILL the n-th time it passes
/// <c>stage</c>: a real, uncatchable kill at a moment chosen exactly, which a timer cannot hit on a
/// small ingest. Unset (always, outside the tests) every call returns at once.
/// </summary>
/// <remarks>
/// Stages: <c>read</c> (an episode file read), <c>embed-chunks</c> / <c>embed-sentences</c> (a batch
/// embedded), <c>cache-append</c> (half of a batch of embedding-cache records written), <c>write</c>
/// (a file of the new generation written, before it is flushed), <c>flushed</c> (the generation flushed,
/// not yet renamed), <c>switch</c> (1: generation renamed; 2: CURRENT.tmp written; 3: CURRENT renamed,
/// directory not yet flushed; 4: directory flushed), <c>cleanup</c> (an old generation removed).
/// </remarks>
public static class IngestCrashPoint
{
    public const string Variable = "ASK_TEST_CRASH_AT";

    private static readonly (string Stage, int Count)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int _passed;

    public static void Pass(string stage)
    {
        if (Target is not { } target || target.Stage != stage) return;
        if (Interlocked.Increment(ref _passed) == target.Count)
        {
            Console.Error.WriteLine($"{Variable}: killed at {stage}:{target.Count}");
            Process.GetCurrentProcess().Kill(); // SIGKILL on Unix: no finally block, no flush, as in a real crash.
        }
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (value[..colon], n)
            : null;
    }
}
