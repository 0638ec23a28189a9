using System.Globalization;
using System.Text.Json;
using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Cues;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Json;

/// <summary>
/// Reads the JSON files podcasts publish beside an episode, telling them apart by their members:
/// the Podcasting 2.0 transcript (<c>segments[]</c> of <c>startTime</c>, <c>endTime</c>, <c>speaker</c>,
/// <c>body</c>; word-level files have one word per segment), Whisper output (<c>segments[]</c> of
/// <c>start</c>, <c>end</c>, <c>text</c>, optional <c>speaker</c>) and Podcasting 2.0 chapters
/// (<c>chapters[]</c> of <c>startTime</c>, <c>title</c>). An item without a usable time is left out with a
/// warning naming its line and index.
/// </summary>
internal static class JsonTranscriptReader
{
    private const string NotATranscript =
        "JSON that is neither a transcript ({\"segments\": [{\"startTime\", \"body\"}]} or Whisper's {\"segments\": [{\"start\", \"text\"}]}) nor chapters ({\"chapters\": [{\"startTime\", \"title\"}]})";

    public static SourceReading Read(SourceText source, List<ReadProblem> problems, int maxItems)
    {
        if (JsonArrays.Read(source, maxItems, out var error, out var errorLine) is not { } json)
            return Skipped(source.Path, error!, errorLine);
        if (json.Segments is { } segments)
        {
            var whisper = segments.Count > 0 && !segments.Any(s => JsonFields.Has(s.Value, "body") || JsonFields.Has(s.Value, "startTime"));
            var format = whisper ? SourceFormat.WhisperJson : SourceFormat.PodcastJson;
            var captions = Segments(source, segments, problems, whisper);
            Capped(source, json, problems, maxItems, "segments");
            if (captions.Count == 0 && segments.Count == 0)
                return Skipped(source.Path, "the transcript's \"segments\" array is empty", 0);
            return new SourceReading(source.Path, format, null) { Captions = captions, Problems = problems };
        }
        if (json.Chapters is { } items)
        {
            var chapters = Chapters(source, items, problems);
            Capped(source, json, problems, maxItems, "chapters");
            return new SourceReading(source.Path, SourceFormat.ChaptersJson, null) { Chapters = chapters, Problems = problems };
        }
        return Skipped(source.Path, NotATranscript, 1);
    }

    private static List<RawCaption> Segments(SourceText source, List<JsonItem> segments, List<ReadProblem> problems, bool whisper)
    {
        var (startName, textName) = whisper ? ("start", "text") : ("startTime", "body");
        var warnings = new LineWarnings(source.Path, problems);
        var captions = new List<RawCaption>(segments.Count);
        var limit = new PlausibleTime(null);
        var previous = 0.0;
        string? speaker = null;
        foreach (var segment in segments)
        {
            var text = JsonFields.Text(segment.Value, textName);
            if (text is null)
            {
                warnings.Add(segment.Line, $"segment {segment.Index} left out: it has no \"{textName}\" text");
                continue;
            }
            text = RepairedText.Of(CueText.Collapse(text), segment.Line, warnings);
            if (text.Length == 0) continue;
            if (JsonFields.Seconds(segment.Value, startName) is not { } start)
            {
                warnings.Add(segment.Line, $"segment {segment.Index} left out: its \"{startName}\" is missing or not a time: '{Quote(text)}'");
                continue;
            }
            if (limit.Problem(start) is { } absurd)
            {
                warnings.Add(segment.Line, string.Create(CultureInfo.InvariantCulture, $"segment {segment.Index} left out: its \"{startName}\" {start} {absurd}: '{Quote(text)}'"));
                continue;
            }
            if (start < previous)
                warnings.Add(segment.Line, string.Create(CultureInfo.InvariantCulture, $"segment {segment.Index} time {Timestamp.Format(start)} goes back from {Timestamp.Format(previous)}"));
            previous = Math.Max(previous, start);
            // A speaker is often named only where it changes.
            if (JsonFields.Text(segment.Value, "speaker") is { } named && CueText.Collapse(named) is { Length: > 0 } name) speaker = name;
            // Word-level files give punctuation its own segment; it belongs to the word before it.
            if (captions.Count > 0 && IsPunctuation(text) && captions[^1].Speaker == speaker)
                captions[^1] = captions[^1] with { Text = captions[^1].Text + text };
            else
                captions.Add(new RawCaption(start, text, segment.Line, speaker));
        }
        warnings.Finish();
        return captions;
    }

    private static List<Chapter> Chapters(SourceText source, List<JsonItem> items, List<ReadProblem> problems)
    {
        var warnings = new LineWarnings(source.Path, problems);
        var chapters = new List<Chapter>(items.Count);
        var limit = new PlausibleTime(null);
        var previous = -1.0;
        foreach (var item in items)
        {
            var title = JsonFields.Text(item.Value, "title") is { } t ? CueText.Collapse(CaptionRepair.Repair(t).Text) : "";
            if (JsonFields.Seconds(item.Value, "startTime") is not { } start)
            {
                warnings.Add(item.Line, $"chapter {item.Index} left out: its \"startTime\" is missing or not a time: '{Quote(title)}'");
                continue;
            }
            if (limit.Problem(start) is { } absurd)
            {
                warnings.Add(item.Line, string.Create(CultureInfo.InvariantCulture, $"chapter {item.Index} left out: its \"startTime\" {start} {absurd}"));
                continue;
            }
            if (start < previous)
                warnings.Add(item.Line, string.Create(CultureInfo.InvariantCulture, $"chapter {item.Index} time {Timestamp.Format(start)} goes back from {Timestamp.Format(previous)}"));
            previous = start;
            if (title.Length == 0)
            {
                title = $"Chapter at {Timestamp.Format(start)}";
                warnings.Add(item.Line, $"chapter {item.Index} without a title; titled '{title}'");
            }
            chapters.Add(new Chapter(start, title));
        }
        warnings.Finish();
        return [.. chapters.OrderBy(c => c.StartSec)];
    }

    private static void Capped(SourceText source, JsonArrays json, List<ReadProblem> problems, int max, string what)
    {
        if (json.CappedAtLine > 0)
            problems.Add(new ReadProblem(source.Path, json.CappedAtLine, TranscriptLimits.Capped(max, what) + $" ({json.LeftOutItems:N0} left out)"));
    }

    private static bool IsPunctuation(string text) => text.All(c => char.IsPunctuation(c)) && text.Length <= 3;

    private static string Quote(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static SourceReading Skipped(string path, string message, int line) =>
        new(path, SourceFormat.Unknown, EpisodeReadResult.Skipped(path, SkipReason.Unreadable, message, line));
}
