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
        Refused("template-placeholders", "---\ntitle: \"{{ title }}\"\n---\n", 2, "a template"),
    ];
}
