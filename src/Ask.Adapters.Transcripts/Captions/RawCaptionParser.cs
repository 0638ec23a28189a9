using System.Globalization;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Captions;

/// <summary>Reads raw caption transcripts: one <c>M:SS text</c> or <c>H:MM:SS text</c> line per caption.</summary>
internal static class RawCaptionParser
{
    public static List<RawCaption> Parse(SourceText source, List<ReadProblem> problems)
    {
        var captions = new List<RawCaption>(source.Lines.Count);
        var previous = 0.0;
        for (var i = 0; i < source.Lines.Count; i++)
        {
            var line = source.Lines[i];
            if (line.Trim().Length == 0) continue;
            if (!TimedLine.TryParse(line, out var timed))
            {
                problems.Add(new ReadProblem(source.Path, i + 1, "not a caption line (time, then text); ignored"));
                continue;
            }
            if (timed.StartSec < previous)
                problems.Add(new ReadProblem(source.Path, i + 1, string.Create(CultureInfo.InvariantCulture,
                    $"caption time {timed.Time} goes back from {Timestamp.Format(previous)}")));
            previous = Math.Max(previous, timed.StartSec);
            var repair = CaptionRepair.Repair(timed.Text);
            foreach (var sequence in repair.Ambiguous)
                problems.Add(new ReadProblem(source.Path, i + 1, $"'{sequence}' looks mis-decoded but cannot be repaired safely; left unchanged"));
            captions.Add(new RawCaption(timed.StartSec, repair.Text, i + 1));
        }
        return captions;
    }
}
