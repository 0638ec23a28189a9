using System.Text;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

/// <summary>
/// The hostile and messy files, generated here so that no bomb sits in the repository. Line numbers are
/// the file's own: the opening <c>---</c> is line 1, <c>title</c> line 2, the body starts at line 3.
/// </summary>
public static class HostileCorpus
{
    private const string Transcript = "transcript:\n- line: Hello there, this is the episode.\n  sec: 1\n";

    /// <summary>An episode file: line 1 <c>---</c>, line 2 the title, <paramref name="body"/> from line 3, then a transcript.</summary>
    private static string Episode(string body, bool withTranscript = true) =>
        "---\ntitle: Hostile\n" + body + (body.Length == 0 || body.EndsWith('\n') ? "" : "\n") + (withTranscript ? Transcript : "") + "---\n\nNotes.\n";

    private static HostileCase Refused(string kind, string text, int line, string message) =>
        HostileCase.Text(kind, FileName(kind, ".md"), text, Verdict.Refused, line, message);

    private static HostileCase Warned(string kind, string text, int line, string message, string extension = ".md") =>
        HostileCase.Text(kind, FileName(kind, extension), text, Verdict.ReadWithWarning, line, message);

    private static HostileCase Clean(string kind, string text, string extension = ".md") =>
        HostileCase.Text(kind, FileName(kind, extension), text, Verdict.Read, 0, "");

    private static string FileName(string kind, string extension) => kind + extension;

    public static IReadOnlyList<HostileCase> Files { get; } =
    [
        // YAML bombs and recursion: refused at the parser-event level, before any node graph exists.
        Refused("yaml-self-alias-key", "---\n? &x [ *x ]\n: 1\n---\n", 2, "anchor '&x'"),
        Refused("yaml-billion-laughs", Episode("a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"), 3, "anchors and aliases are not accepted"),
        Refused("yaml-undefined-alias", Episode("short: *nowhere\n"), 3, "alias '*nowhere'"),
        Refused("yaml-merge-key", Episode("base: &base {season: 1}\nids:\n  <<: *base\n"), 3, "anchor '&base'"),
        Refused("yaml-anchor-in-transcript", Episode("", withTranscript: false) .Replace("title: Hostile\n", "title: Hostile\ntranscript:\n- &l line: x\n  sec: 1\n"), 4, "anchor"),
        Refused("yaml-deep-flow-sequence", "---\ntitle: " + new string('[', 50_000) + "\n---\n", 2, "nested more than 64 levels"),
        Refused("yaml-deep-flow-mapping", "---\ntitle: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "\n---\n", 2, "nested more than 64 levels"),
        Refused("yaml-deep-block-mapping", "---\n" + string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i) + "k:\n")) + "---\n", 66, "nested more than 64 levels"),
        Refused("yaml-deep-block-sequence", "---\ntitle: x\nguests:\n" + string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', 2 * i) + "-\n")) + "---\n", 67, "nested more than 64 levels"),
        Refused("yaml-tag-binary", Episode("short: !!binary aGVsbG8=\n"), 3, "explicit YAML tags are not accepted"),
        Refused("yaml-tag-local", Episode("short: !something value\n"), 3, "tag '!something'"),
        Refused("yaml-tag-python-object", Episode("short: !!python/object/apply:os.system [\"rm -rf /\"]\n"), 3, "explicit YAML tags"),
        Refused("yaml-tag-on-mapping", Episode("ids: !!map {youtube: x}\n"), 3, "explicit YAML tags"),
        Refused("yaml-tag-str", Episode("short: !!str 123\n"), 3, "explicit YAML tags"),
        Refused("yaml-huge-key", Episode("? " + new string('k', 5_000) + "\n: v\n"), 3, "a key of 5000 characters"),
        Refused("yaml-huge-scalar", Episode("short: " + new string('x', 1_000_001) + "\n"), 3, "a value of 1000001 characters"),
        Refused("yaml-duplicate-keys", Episode("season: 1\ntitle: Again\nseason: 2\n"), 4, "duplicate keys: 'title' (lines 2 and 4), 'season' (lines 3 and 5)"),
        Refused("yaml-unterminated-quote", Episode("short: 'never closed\nseason: 1\n"), 3, "invalid YAML"),
        Refused("yaml-unclosed-flow", Episode("guests: [a, b\nseason: 1\n"), 3, "invalid YAML"),
        Refused("yaml-implicit-key-over-1024", Episode(new string('k', 2_000) + ": v\n"), 3, "invalid YAML"),
        Refused("yaml-not-a-mapping", "---\n- just\n- a list\n---\n", 1, "not a YAML mapping"),
        Refused("front-matter-never-closed", "---\ntitle: Open\ntranscript:\n- line: x\n", 1, "no closing '---'"),
        Refused("hang-dashes-one-line", "---\ntitle: x\n" + new string('-', 4_000_000) + "\n", 1, "no closing '---'"),
        Refused("hang-braces-one-line", "---\ntitle: " + string.Concat(Enumerable.Repeat("{{ ", 1_000_000)) + "\n---\n", 2, "nested more than 64 levels"),
        Refused("hang-spaces-before-braces", "---\n" + new string(' ', 1_000_000) + "k: {{x\n---\n", 3, "invalid YAML"),
        Clean("yaml-tab-indentation-two-tabs", Episode("transcript:\n- line: x\n\t\tsec: 5\n", withTranscript: false)),
        Refused("yaml-tab-indentation-misaligned", Episode("transcript:\n- line: x\n\tsec: 5\n", withTranscript: false), 5, "invalid YAML"),
        Refused("template-placeholders", "---\ntitle: \"{{ title }}\"\n---\n", 2, "a template"),

        // Encodings: every correct character kept, each invalid sequence warned on its line.
        Bytes("utf8-with-bom", [0xEF, 0xBB, 0xBF, .. Utf8(Episode("short: Naïve — it’s fine\n"))], Verdict.Read, 0, ""),
        Bytes("utf16-le-with-bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Episode("short: Naïve — it’s fine\n"))], Verdict.Read, 0, ""),
        Bytes("utf16-be-with-bom", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Episode("short: Naïve — it’s fine\n"))], Verdict.Read, 0, ""),
        Bytes("utf32-le-with-bom", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Episode("short: Naïve — it’s fine\n"))], Verdict.Read, 0, ""),
        Bytes("utf16-crlf-with-bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Episode("short: x\n").ReplaceLineEndings("\r\n"))], Verdict.Read, 0, ""),
        Bytes("utf16-without-bom", Encoding.Unicode.GetBytes(Episode("")), Verdict.Refused, 0, "binary, not text"),
        Bytes("invalid-utf8-latin1-byte", Splice(Utf8(Episode("short: Caf@ — it’s\n")), (byte)'@', [0xE9]), Verdict.ReadWithWarning, 3, "invalid UTF-8 bytes E9 replaced by U+FFFD"),
        Bytes("invalid-utf8-truncated-sequence", Splice(Utf8(Episode("short: cut @ here\n")), (byte)'@', [0xE2, 0x80]), Verdict.ReadWithWarning, 3, "invalid UTF-8 bytes E280 replaced"),
        Bytes("invalid-utf8-overlong-slash", Splice(Utf8(Episode("season: 1\nshort: a@b\n")), (byte)'@', [0xC0, 0xAF]), Verdict.ReadWithWarning, 4, "invalid UTF-8 bytes C0 replaced"),
        Bytes("invalid-utf8-encoded-surrogate", Splice(Utf8(Episode("short: x@y\n")), (byte)'@', [0xED, 0xA0, 0x80]), Verdict.ReadWithWarning, 3, "invalid UTF-8 bytes ED replaced"),
        Bytes("invalid-utf8-in-transcript-line", Splice(Utf8(Episode("transcript:\n- line: Gr@ße aus Köln\n  sec: 2\n", withTranscript: false)), (byte)'@', [0xFC]), Verdict.ReadWithWarning, 4, "invalid UTF-8 bytes FC"),
        Bytes("invalid-utf8-many-in-a-text", [.. Utf8(Episode("short: " + string.Concat(Enumerable.Repeat("caf@ au lait, ", 500)) + new string('x', 20_000) + "\n")).Select(b => b == (byte)'@' ? (byte)0xFF : b)], Verdict.ReadWithWarning, 0, "400 more invalid UTF-8 sequences replaced by U+FFFD"),
        Bytes("binary-png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48], Verdict.Refused, 0, "binary, not text"),
        Bytes("binary-without-nul", [.. Enumerable.Range(0, 4000).Select(i => (byte)(1 + (i * 7919) % 255))], Verdict.Refused, 0, "binary or not UTF-8 text"),
        Bytes("empty-file", [], Verdict.Refused, 0, "the file is empty"),
        Refused("whitespace-only", "\n   \n\t\n", 1, "not an episode file"),
        Bytes("file-over-size-cap", Utf8(Episode("short: " + new string('x', 500) + "\n") + new string('z', 9 * 1024 * 1024)), Verdict.Refused, 0, "(Episodes:MaxFileBytes) are not read"),

        // Line endings and fences.
        Clean("line-endings-crlf", Episode("short: x\nseason: 2\n").ReplaceLineEndings("\r\n")),
        Clean("line-endings-cr-only", Episode("short: x\nseason: 2\n").ReplaceLineEndings("\r")),
        Clean("line-endings-mixed", "---\r\ntitle: Mixed\rshort: x\n" + Transcript.ReplaceLineEndings("\r") + "---\r\n"),
        Clean("fence-trailing-spaces", Episode("short: x\n").Replace("---\n", "---   \n")),
        Clean("fence-trailing-tab", Episode("short: x\n").Replace("---\n", "---\t\n")),
        Clean("tabs-inside-values", Episode("short: \"a\tb\"\n")),
        Clean("huge-transcript-line", Episode("transcript:\n- line: " + string.Concat(Enumerable.Repeat("Word after word makes a long line. ", 3_000)) + "\n  sec: 5\n", withTranscript: false)),

        // Control characters and bidirectional overrides: removed, one warning per file with the count.
        Warned("control-escape-sequences", Episode("short: \"\u001B[31mred\u001B[0m\u001B]0;title\u0007\"\n"), 3, "removed 4 control character(s)"),
        Warned("control-nul-after-probe", Episode("short: " + new string('p', 9000) + "\n" + "season: 1\u0000\n"), 4, "removed 1 control character(s)"),
        Warned("control-c1-csi", Episode("season: 1\nshort: a\u009B2Jb\u0085c\n"), 4, "removed 2 control character(s)"),
        Warned("control-backspace-overwrite", Episode("transcript:\n- line: I agree\b\b\b\b\b\b\bdisagree\n  sec: 1\n", withTranscript: false), 4, "removed 7 control character(s)"),
        Warned("bidi-override", Episode("short: invoice\u202Efdp.exe\n"), 3, "removed 1 bidirectional override(s)"),
        Warned("bidi-isolates-and-embeddings", Episode("season: 1\nshort: \u2066a\u2069 \u202Ab\u202C\n"), 4, "removed 4 bidirectional override(s)"),
        Warned("yaml-escaped-controls", Episode("season: 1\nshort: \"a\\e[2Jb\\u202Ec\\x07\"\n"), 4, "removed 2 control character(s) and 1 bidirectional override(s) written as YAML escapes"),
        Warned("controls-and-bidi-together", Episode("short: \u0007x\u202E\n"), 3, "removed 1 control character(s) and 1 bidirectional override(s)"),

        // Absurd times: warned on their line, the start estimated between the neighbours.
        Warned("time-sec-1e23", Lines("- line: a\n  sec: 1e23\n"), 5, "sec '1e23' is beyond 24 hours; the start is estimated"),
        Warned("time-sec-negative", Lines("- line: a\n  sec: -12\n"), 5, "sec '-12' is below zero"),
        Warned("time-sec-nan", Lines("- line: a\n  sec: NaN\n"), 5, "sec 'NaN' is not a number"),
        Warned("time-sec-yaml-nan", Lines("- line: a\n  sec: .nan\n"), 5, "sec '.nan' is not a number of seconds"),
        Warned("time-sec-infinity", Lines("- line: a\n  sec: 1e400\n"), 5, "sec '1e400' is not a number"),
        Warned("time-far-past-duration", Lines("- line: a\n  sec: 7200\n", "duration: PT58M\n"), 6, "sec '7200' is far past the episode's duration (58:00)"),
        Warned("time-text-past-24h", Lines("- line: a\n  time: '99:00:00'\n"), 5, "time '99:00:00' is beyond 24 hours"),
        Warned("time-out-of-order", Lines("- line: a\n  sec: 100\n- line: b\n  sec: 50\n"), 7, "sec 50 goes back from 100"),
        Warned("time-not-a-time", Lines("- line: a\n  time: '12:7x'\n"), 5, "time '12:7x' is not a valid time"),

        // Raw captions: every form read, untimed lines continue the caption before them, what cannot be
        // placed is left out with its line number and text.
        Warned("captions-bracketed", "[0:01] Hello there and welcome.\n[0:04] Today we talk data.\n", 0, "raw captions with no episode file", ".txt"),
        Warned("captions-parenthesized", "(0:01) Hello there and welcome.\n(0:04) Today we talk data.\n", 0, "raw captions with no episode file", ".txt"),
        Warned("captions-dash-separated", "0:01 - Hello there and welcome.\n0:04 - Today we talk data.\n", 0, "raw captions with no episode file", ".txt"),
        Warned("captions-untimed-continuation", "0:01 Hello there and\nwelcome to the show.\n0:04 Today we talk\nabout data.\n", 2, "2 line(s) without a time read as the continuation", ".txt"),
        Warned("captions-bad-timestamp-among-good", "0:01 Hello there.\n0:04 Second caption.\n1:75 Broken time here.\n0:09 Fourth caption.\n", 3, "line left out (its time is not a valid M:SS or H:MM:SS): '1:75 Broken time here.'", ".txt"),
        Warned("captions-bracket-typo", "[0:01] Hello there.\n[0:04] Second caption.\n[0:0x] Typo in time.\n[0:09] Fourth.\n", 3, "line left out (its time is not a valid M:SS or H:MM:SS): '[0:0x] Typo in time.'", ".txt"),
        Warned("captions-text-before-first", "Transcript of the show\n0:01 Hello there.\n0:04 Second caption.\n0:07 Third caption.\n", 1, "line left out (no caption before it to continue): 'Transcript of the show'", ".txt"),
        Warned("captions-absurd-time", "0:01 Hello there.\n999:59:59 Far away.\n0:07 Third caption.\n", 2, "line left out (its time 999:59:59 is beyond 24 hours): '999:59:59 Far away.'", ".txt"),
        Warned("captions-going-back", "0:10 Hello there.\n0:05 Back in time.\n0:12 Third caption.\n", 2, "caption time 0:05 goes back from 0:10", ".txt"),
        Warned("captions-ambiguous-mojibake", "0:01 Ask at PowerHouseâ\"¢ today.\n0:04 Second caption.\n", 1, "looks mis-decoded but cannot be repaired safely", ".txt"),
        Warned("captions-control-characters", "0:01 Hello \u001B[2Jthere.\n0:04 Second\u0007 caption.\n", 1, "removed 2 control character(s)", ".txt"),
        Warned("captions-cr-only", "0:01 Hello there.\r0:04 Second caption.\r0:07 x\r1:99 bad\r", 4, "line left out (its time is not a valid M:SS or H:MM:SS): '1:99 bad'", ".txt"),
        Warned("captions-warning-flood", string.Concat(Enumerable.Repeat("0:10 Forward we go.\n0:05 And back again.\n", 100_000)), 0, "99800 more line warnings like the ones above, not listed", ".txt"),
        Warned("captions-last-caption-300k-continuations", string.Concat(Enumerable.Repeat("0:01 Hello.\n", 200_000)) + string.Concat(Enumerable.Repeat("and on\n", 300_000)), 200_001, "300000 line(s) without a time read as the continuation", ".txt"),
        Warned("captions-huge-line", "0:01 " + string.Concat(Enumerable.Repeat("Word after word makes a long caption. ", 3_000)) + "\n0:04 End.\n", 0, "raw captions with no episode file", ".txt"),

        // Chapter lists beside their episode file: placeholders for missing titles, the rest warned with line and text.
        Chapters("chapters-missing-title", "00:00:00 Intro\n00:05:00\n00:10:00 End\n", 2, "chapter without a title; titled 'Chapter at 5:00'"),
        Chapters("chapters-summary-without-title", "00:00:00 Intro\n00:05:00 : only a summary\n00:10:00 End\n", 2, "chapter without a title"),
        Chapters("chapters-dash-without-title", "00:00:00 Intro\n00:05:00 -\n00:10:00 End\n", 2, "titled 'Chapter at 5:00'"),
        Chapters("chapters-bad-timestamp", "00:00:00 Intro\n00:61:00 Broken\n00:10:00 End\n", 2, "line left out (its time is not a valid M:SS or H:MM:SS): '00:61:00 Broken'"),
        Chapters("chapters-untimed-line", "00:00:00 Intro\n00:05:00 Middle\nsome stray note\n00:10:00 End\n00:15:00 After\n00:20:00 Later\n00:25:00 Last\n00:30:00 Really last\n00:35:00 Done\n00:40:00 Over\n", 3, "line left out (not a chapter line (time, then title)): 'some stray note'"),
        Chapters("chapters-absurd-time", "00:00:00 Intro\n30:00:00 Next day\n00:10:00 End\n", 2, "its time 30:00:00 is beyond 24 hours"),
        Chapters("chapters-out-of-order", "00:00:00 Intro\n00:10:00 End\n00:05:00 Middle\n", 3, "chapter time 00:05:00 goes back from 10:00"),

        // WebVTT, SRT, JSON and HTML transcripts and JSON chapters.
        .. HostileFormats.Files,
    ];

    private static HostileCase Chapters(string kind, string list, int line, string message) =>
        HostileCase.Text(kind, kind + ".chapters.txt", list, Verdict.ReadWithWarning, line, message) with { Sibling = Episode("") };

    /// <summary>An episode whose transcript is <paramref name="items"/> after one good line: line 3 is
    /// <c>transcript:</c> (after <paramref name="before"/>), the items start two lines further on.</summary>
    private static string Lines(string items, string before = "") =>
        Episode(before + "transcript:\n" + items + "- line: A good line after it.\n  sec: 20\n", withTranscript: false);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);


    /// <summary>The bytes with the one <paramref name="marker"/> replaced by <paramref name="bytes"/>: invalid UTF-8 cannot be written as a C# string.</summary>
    private static byte[] Splice(byte[] text, byte marker, byte[] bytes)
    {
        var at = Array.IndexOf(text, marker);
        return [.. text[..at], .. bytes, .. text[(at + 1)..]];
    }

    private static HostileCase Bytes(string kind, byte[] content, Verdict expected, int line, string message) =>
        new(kind, FileName(kind, ".md"), content, expected, line, message);
}
