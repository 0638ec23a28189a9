using System.Globalization;
using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// Splits a WebVTT or SRT file into cues. Both are blocks separated by blank lines: an optional
/// identifier line (a number in SRT), a timing line, then text lines. Exports are often sloppy, so
/// a missing blank line before a timing line still starts a new cue. A cue whose timing cannot be read
/// is left out with a warning naming its line; so is a block with no timing (quoted, so no words are
/// dropped silently).
/// </summary>
internal sealed class CueBlockReader(SourceText source, LineWarnings warnings, int maxCues)
{
    // WebVTT blocks that hold no spoken text.
    private static readonly string[] SkippedBlocks = ["NOTE", "STYLE", "REGION"];

    public bool IsWebVtt { get; init; }

    /// <summary>The first file line that was not read because the cue count reached its cap; 0 when none.</summary>
    public int CappedAtLine { get; private set; }

    public List<Cue> Read()
    {
        var cues = new List<Cue>();
        var lines = source.Lines;
        List<string>? text = null;
        CueTiming timing = default;
        var timingLine = 0;
        var blockStart = true;
        var skippingBlock = false;
        var previous = 0.0;
        var limit = new PlausibleTime(null);
        var first = FirstContentLine(lines);
        if (IsWebVtt && first >= 0) skippingBlock = true; // the WEBVTT header and its metadata lines

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                Flush();
                blockStart = true;
                skippingBlock = false;
                continue;
            }
            var atBlockStart = blockStart;
            blockStart = false;
            var isTiming = CueTiming.IsTimingLine(line);
            // Skipped blocks never hold "-->", so a timing line ends one even without a blank line before it.
            if (skippingBlock && !isTiming) continue;
            skippingBlock = false;
            if (IsWebVtt && atBlockStart && SkippedBlocks.Any(k => StartsWithKeyword(line, k)))
            {
                skippingBlock = true;
                continue;
            }
            if (isTiming)
            {
                Flush();
                if (cues.Count >= maxCues)
                {
                    CappedAtLine = i + 1;
                    return cues;
                }
                if (!CueTiming.TryParse(line, out var parsed, out var error))
                {
                    warnings.Add(i + 1, RawCaptionParser.LeftOut(line, $"cue left out: {error}"));
                    skippingBlock = true;
                    continue;
                }
                if (limit.Problem(parsed.StartSec) is { } absurd)
                {
                    warnings.Add(i + 1, RawCaptionParser.LeftOut(line, $"cue left out: its start {parsed.Start} {absurd}"));
                    skippingBlock = true;
                    continue;
                }
                if (parsed.EndSec < parsed.StartSec)
                    warnings.Add(i + 1, $"cue ends ({parsed.End}) before it starts ({parsed.Start}); read from its start");
                if (parsed.StartSec < previous)
                    warnings.Add(i + 1, string.Create(CultureInfo.InvariantCulture, $"cue time {parsed.Start} goes back from {Timestamp.Format(previous)}"));
                previous = Math.Max(previous, parsed.StartSec);
                (timing, timingLine, text) = (parsed, i + 1, []);
                continue;
            }
            // An identifier: the line just before a timing line (a cue number in SRT, any name in WebVTT).
            if (i + 1 < lines.Count && CueTiming.IsTimingLine(lines[i + 1])) continue;
            if (text is null)
            {
                warnings.Add(i + 1, RawCaptionParser.LeftOut(Block(lines, i), "no cue timing before it"));
                skippingBlock = true;
                continue;
            }
            text.Add(line);
        }
        Flush();
        return cues;

        void Flush()
        {
            if (text is { Count: > 0 }) cues.Add(new Cue(timing, text, timingLine));
            text = null;
        }
    }

    /// <summary>The block from line <paramref name="from"/> to the next blank or timing line, as one line of text.</summary>
    private static string Block(IReadOnlyList<string> lines, int from)
    {
        var parts = new List<string>();
        for (var i = from; i < lines.Count && parts.Count < 4 && lines[i].Trim().Length > 0 && !CueTiming.IsTimingLine(lines[i]); i++)
            parts.Add(lines[i].Trim());
        return string.Join(' ', parts);
    }

    private static int FirstContentLine(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Trim().Length > 0) return i;
        return -1;
    }

    private static bool StartsWithKeyword(string line, string keyword) =>
        line.StartsWith(keyword, StringComparison.Ordinal) && (line.Length == keyword.Length || char.IsWhiteSpace(line[keyword.Length]));
}
