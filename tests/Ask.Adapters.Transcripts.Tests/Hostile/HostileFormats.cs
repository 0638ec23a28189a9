using System.Text;
using Ask.Adapters.Transcripts.Sources;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

/// <summary>
/// Hostile and broken files of the caption, JSON and HTML transcript formats, each at a limit of its
/// reader: the cue and segment cap (Episodes:MaxTranscriptSegments, default 200,000), the JSON nesting
/// limit, floods of warnings, and shapes that would make a naive scanner quadratic.
/// </summary>
public static class HostileFormats
{
    private const int Cap = 200_000;
    private const string Alone = "with no episode file or metadata";

    private static HostileCase Warned(string kind, string extension, string text, int line, string message) =>
        HostileCase.Text(kind, kind + extension, text, Verdict.ReadWithWarning, line, message);

    private static HostileCase Refused(string kind, string extension, string text, int line, string message) =>
        HostileCase.Text(kind, kind + extension, text, Verdict.Refused, line, message);

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static string Segments(int count) =>
        "{\"segments\":[\n" + string.Join(",\n", Enumerable.Range(0, count).Select(i => $"{{\"startTime\":{i % 3600},\"body\":\"a\"}}")) + "\n]}";

    public static IReadOnlyList<HostileCase> Files { get; } =
    [
        // WebVTT: the cue cap exactly and one past it (the cue past it starts on line 3 + 3 * 200,000).
        Warned("vtt-cues-at-cap", ".vtt", "WEBVTT\n\n" + string.Concat(Enumerable.Repeat("0:01.0-->0:02.0\nx\n\n", Cap)), 0, "WebVTT captions " + Alone),
        Warned("vtt-cues-over-cap", ".vtt", "WEBVTT\n\n" + string.Concat(Enumerable.Repeat("0:01.0-->0:02.0\nx\n\n", Cap + 1)), 3 + 3 * Cap, "more than 200,000 cues"),
        Warned("vtt-bad-timing-flood", ".vtt", "WEBVTT\n\n0:01.000 --> 0:02.000\nGood.\n\n" + string.Concat(Enumerable.Repeat("0:0x.000 --> 0:02.000\nbad\n\n", 100_000)), 0, "99800 more line warnings"),
        Warned("vtt-unclosed-voice-spans", ".vtt", "WEBVTT\n\n0:01.000 --> 0:02.000\n" + string.Concat(Enumerable.Repeat("<v ", 300_000)) + "\n\n0:03.000 --> 0:04.000\nAfter.\n", 0, "WebVTT captions " + Alone),
        Warned("vtt-note-swallows-nothing", ".vtt", "WEBVTT\n\nNOTE\n" + string.Concat(Enumerable.Repeat("note line\n", 100_000)) + "\n0:01.000 --> 0:02.000\nSpoken.\n", 0, "WebVTT captions " + Alone),
        Warned("vtt-absurd-time", ".vtt", "WEBVTT\n\n0:01.000 --> 0:02.000\nGood.\n\n999:00:00.000 --> 999:00:01.000\nFar.\n", 6, "beyond 24 hours"),

        // SRT.
        Warned("srt-block-without-timing", ".srt", "1\n00:00:01,000 --> 00:00:02,000\nGood.\n\n2\n00:00:02,000 - 00:00:03,000\nLost.\n", 5, "no cue timing before it"),
        Warned("srt-one-cue-of-100k-lines", ".srt", "1\n00:00:01,000 --> 00:00:02,000\n" + string.Concat(Enumerable.Repeat("more words\n", 100_000)), 0, "SRT captions " + Alone),
        Warned("srt-arrows-without-times", ".srt", "1\n00:00:01,000 --> 00:00:02,000\nGood.\n\n" + string.Concat(Enumerable.Repeat("-->\nx\n\n", 50_000)), 5, "not a cue timing"),

        // JSON: nesting exactly at the limit is read, one level more is refused; the segment cap; damage.
        Warned("json-nesting-at-limit", ".json", "{\"extra\":" + Nested(TranscriptLimits.MaxJsonDepth - 1) + ",\"segments\":[{\"startTime\":1,\"body\":\"Deep but fine.\"}]}", 0, "JSON transcript " + Alone),
        Refused("json-nesting-past-limit", ".json", "{\"extra\":\n" + Nested(TranscriptLimits.MaxJsonDepth) + ",\"segments\":[{\"startTime\":1,\"body\":\"Too deep.\"}]}", 2, "not valid JSON"),
        Refused("json-nesting-50k", ".json", "{\"segments\":" + Nested(50_000) + "}", 1, "not valid JSON"),
        Warned("json-segments-at-cap", ".json", Segments(Cap), 0, "JSON transcript " + Alone),
        Warned("json-segments-over-cap", ".json", Segments(Cap + 1), Cap + 2, "more than 200,000 segments"),
        Refused("json-truncated", ".json", "{\"segments\":[\n{\"startTime\":1,\"body\":\"a\"},\n{\"startTime\":2,\"bo", 3, "not valid JSON"),
        Warned("json-escaped-controls", ".json", "{\"segments\":[{\"startTime\":1,\"body\":\"Hi\\u001B[2J \\u202Ethere\"}]}", 0, "JSON transcript " + Alone),
        Warned("json-huge-body", ".json", "{\"segments\":[{\"startTime\":1,\"body\":\"" + string.Concat(Enumerable.Repeat("word ", 1_000_000)) + "\"}]}", 0, "JSON transcript " + Alone),
        Warned("whisper-missing-start", ".json", "{\"segments\":[\n{\"start\":1,\"text\":\"Good.\"},\n{\"text\":\"No start.\"}\n]}", 3, "segment 1 left out"),

        // HTML: unclosed elements by the hundred thousand, deep nesting, an endless tag.
        Warned("html-unclosed-paragraphs", ".html", "<time>0:01</time>\n" + string.Concat(Enumerable.Repeat("<p>words ", 100_000)), 2, "<p> is not closed"),
        Warned("html-deep-nesting", ".html", string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<time>0:01</time><p>Deep.</p>" + string.Concat(Enumerable.Repeat("</div>", 100_000)), 0, "HTML transcript " + Alone),
        Warned("html-endless-tag", ".html", "<time>0:01</time><p>Said.</p><" + new string('a', 1_000_000), 0, "HTML transcript " + Alone),
        Warned("html-unclosed-script", ".html", "<time>0:01</time><p>Said.</p><script>" + string.Concat(Enumerable.Repeat("<p>not said</p>", 10_000)), 0, "HTML transcript " + Alone),
        Warned("html-paragraphs-over-cap", ".html", "<time>0:01</time>\n" + string.Concat(Enumerable.Repeat("<p>x</p>\n", Cap + 1)), Cap + 2, "more than 200,000 paragraphs"),
        Warned("vtt-ambiguous-mojibake", ".vtt", "WEBVTT\n\n0:01.000 --> 0:02.000\nHi.\n\n0:03.000 --> 0:04.000\nAsk at PowerHouseâ\"¢ today.\n", 6, "looks mis-decoded but cannot be repaired safely"),
        Warned("json-mojibake-repaired", ".json", "{\"segments\":[{\"startTime\":1,\"body\":\"I donâ€™t mind.\"}]}", 0, "JSON transcript " + Alone),
        Warned("html-bad-time", ".html", "<time>0:01</time><p>One.</p>\n<time>soon</time><p>Two.</p>", 2, "<time>soon</time> is not a time"),

        // JSON chapters beside their episode file.
        HostileCase.Text("chapters-json-missing-start", "chapters-json-missing-start.chapters.json", "{\"chapters\":[\n{\"startTime\":0,\"title\":\"Intro\"},\n{\"title\":\"Nowhere\"}\n]}",
            Verdict.ReadWithWarning, 3, "chapter 1 left out") with { Sibling = EpisodeWithTranscript },
        HostileCase.Text("chapters-json-over-cap", "chapters-json-over-cap.chapters.json", "{\"chapters\":[\n" + string.Join(",\n", Enumerable.Range(0, Cap + 1).Select(i => $"{{\"startTime\":{i % 80000},\"title\":\"c\"}}")) + "\n]}",
            Verdict.ReadWithWarning, Cap + 2, "more than 200,000 chapters") with { Sibling = EpisodeWithTranscript },
    ];

    private const string EpisodeWithTranscript = "---\ntitle: Hostile\ntranscript:\n- line: Hello there, this is the episode.\n  sec: 1\n---\n";
}
