using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>
/// Gives every line a start second. Lines without one lie somewhere between their neighbours; they are
/// placed in proportion to the words spoken before them, which is as close as the data allows.
/// </summary>
internal static class StartEstimator
{
    // Typical conversational pace, used where there is no later known start to interpolate towards.
    public const double WordsPerSecond = 2.5;

    public static List<TranscriptLine> Fill(IReadOnlyList<PendingLine> pending)
    {
        var words = pending.Select(p => Math.Max(1, TextStatistics.CountWords(p.Text))).ToArray();
        var starts = new double[pending.Count];
        var previousKnown = -1;
        for (var i = 0; i <= pending.Count; i++)
        {
            if (i < pending.Count && pending[i].Sec is null) continue;
            // i is a known start (or the end); fill the gap (previousKnown, i).
            if (i < pending.Count) starts[i] = pending[i].Sec!.Value;
            FillGap(pending, words, starts, previousKnown, i);
            previousKnown = i;
        }
        var lines = new List<TranscriptLine>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var p = pending[i];
            lines.Add(new TranscriptLine(starts[i], p.Speaker, p.Text, p.Chapter, p.Sec is null, p.SourceLine));
        }
        return lines;
    }

    private static void FillGap(IReadOnlyList<PendingLine> pending, int[] words, double[] starts, int from, int to)
    {
        if (to - from <= 1) return;
        var hasNext = to < pending.Count;
        if (from < 0)
        {
            // Before the first known start: count back from it at speaking pace, never below zero.
            var next = hasNext ? starts[to] : 0;
            var before = 0;
            for (var i = to - 1; i >= 0; i--)
            {
                before += words[i];
                starts[i] = hasNext ? Math.Max(0, Math.Round(next - before / WordsPerSecond)) : 0;
            }
            if (!hasNext)
            {
                // No start anywhere: the whole transcript runs from zero at speaking pace.
                var spoken = 0;
                for (var i = 0; i < to; i++) { starts[i] = Math.Round(spoken / WordsPerSecond); spoken += words[i]; }
            }
            return;
        }
        var start = starts[from];
        var wordsInGap = 0;
        for (var i = from; i < to; i++) wordsInGap += words[i];
        var spokenBefore = words[from];
        for (var i = from + 1; i < to; i++)
        {
            starts[i] = hasNext
                // A next start that goes backwards gives no room; the estimates then stay at the last known start.
                ? Math.Round(start + Math.Max(0, starts[to] - start) * spokenBefore / wordsInGap)
                : Math.Round(start + spokenBefore / WordsPerSecond);
            spokenBefore += words[i];
        }
    }
}
