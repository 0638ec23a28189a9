using System.Globalization;
using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Cues;
using Ask.Adapters.Transcripts.EpisodeFiles;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Html;

/// <summary>
/// Reads the HTML transcript form of the podcast namespace: <c>&lt;cite&gt;Name:&lt;/cite&gt;</c> names the
/// speaker, <c>&lt;time&gt;0:01:02&lt;/time&gt;</c> the start, <c>&lt;p&gt;</c> holds what was said. Only those
/// three elements are read, by a scanner that passes over the text once (no document tree is built, so
/// nesting depth costs nothing); <c>script</c> and <c>style</c> bodies are passed over unread.
/// </summary>
internal static class HtmlTranscriptParser
{
    private static readonly string[] Read = ["cite", "time", "p"];
    private static readonly string[] Opaque = ["script", "style"];

    /// <summary>Whether markup that starts with '&lt;' looks like the transcript form.</summary>
    public static bool LooksLikeTranscript(string text) =>
        text.Contains("<p", StringComparison.OrdinalIgnoreCase)
        && (text.Contains("<time", StringComparison.OrdinalIgnoreCase) || text.Contains("<cite", StringComparison.OrdinalIgnoreCase));

    public static List<RawCaption> Parse(SourceText source, List<ReadProblem> problems, int maxParagraphs)
    {
        var warnings = new LineWarnings(source.Path, problems);
        var text = source.Text;
        var captions = new List<RawCaption>();
        var limit = new PlausibleTime(null);
        string? speaker = null;
        double? start = null;
        var previous = 0.0;
        var untimed = 0;
        var firstUntimed = 0;
        var (line, counted) = (1, 0);
        var position = 0;
        var search = new ForwardSearch(text);
        while (position < text.Length)
        {
            var open = text.IndexOf('<', position);
            if (open < 0) break;
            var name = TagName(text, open + 1);
            var tagEnd = text.IndexOf('>', open);
            if (tagEnd < 0) break;
            if (Opaque.Contains(name))
            {
                var close = search.Find("</" + name, tagEnd);
                position = close < 0 ? text.Length : close;
                continue;
            }
            if (!Read.Contains(name))
            {
                position = tagEnd + 1;
                continue;
            }
            var at = LineAt(open);
            var end = search.Find("</" + name, tagEnd);
            var next = NextReadElement(search, text, tagEnd + 1);
            if (end < 0 || next < end)
            {
                // An unclosed element ends where the next element this reader reads begins.
                end = next;
                warnings.Add(at, $"<{name}> is not closed; read up to the next element");
            }
            var content = CueText.Plain(text[(tagEnd + 1)..end]);
            position = end;
            switch (name)
            {
                case "cite":
                    speaker = content.TrimEnd(':').Trim() is { Length: > 0 } cited ? cited : null;
                    break;
                case "time":
                    if (!Timestamp.TryParse(content, out var seconds))
                        warnings.Add(at, $"<time>{Quote(content)}</time> is not a time (H:MM:SS or M:SS); the paragraphs after it keep the time before it");
                    else if (limit.Problem(seconds) is { } absurd)
                        warnings.Add(at, $"<time>{Quote(content)}</time> {absurd}; the paragraphs after it keep the time before it");
                    else
                    {
                        if (seconds < previous)
                            warnings.Add(at, string.Create(CultureInfo.InvariantCulture, $"time {content} goes back from {Timestamp.Format(previous)}"));
                        previous = Math.Max(previous, seconds);
                        start = seconds;
                    }
                    break;
                default:
                    var words = RepairedText.Of(content, at, warnings);
                    if (words.Length == 0) break;
                    if (captions.Count >= maxParagraphs)
                    {
                        problems.Add(new ReadProblem(source.Path, at, TranscriptLimits.Capped(maxParagraphs, "paragraphs")));
                        position = text.Length;
                        break;
                    }
                    if (start is null && untimed++ == 0) firstUntimed = at;
                    captions.Add(new RawCaption(start ?? 0, words, at, speaker));
                    break;
            }
        }
        warnings.Finish();
        if (untimed > 0)
            problems.Add(new ReadProblem(source.Path, firstUntimed, $"{untimed} paragraph(s) before the first <time> read as starting at 0:00"));
        return captions;

        // Line numbers are counted forward only, once over the text (a count from the start per element would be quadratic).
        int LineAt(int index)
        {
            if (index > counted)
            {
                line += text.AsSpan(counted, index - counted).Count('\n');
                counted = index;
            }
            return line;
        }
    }

    private static string TagName(string text, int from)
    {
        var end = from;
        while (end < text.Length && end - from < 10 && char.IsAsciiLetter(text[end])) end++;
        return end < text.Length && (char.IsWhiteSpace(text[end]) || text[end] is '>' or '/')
            ? text[from..end].ToLowerInvariant()
            : "";
    }

    private static int NextReadElement(ForwardSearch search, string text, int from)
    {
        var next = text.Length;
        foreach (var name in Read)
        {
            // "<p" also starts "<pre" and "<param"; only a whole tag name counts.
            var hit = search.Find("<" + name, from);
            while (hit >= 0 && hit < next && TagName(text, hit + 1) != name) hit = search.Find("<" + name, hit + 1);
            if (hit >= 0 && hit < next) next = hit;
        }
        return next;
    }

    private static string Quote(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
