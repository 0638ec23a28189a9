using System.Text;
using System.Text.RegularExpressions;
using Ask.Core.Answering;
using Ask.Core.Episodes;

namespace Ask.Answering.ChatModel;

/// <summary>
/// Writes the numbered sources into the prompt, each inside a <c>&lt;source&gt;</c> element, one row per
/// transcript line: <c>[20:17] Nemanja: text</c>. Transcripts are third-party text that may carry instructions, so nothing in
/// them may close the element or open a new one, and a row can't be split into a fake row.
/// </summary>
internal static partial class SourceRenderer
{
    public static string Render(IReadOnlyList<AnswerSource> sources)
    {
        var text = new StringBuilder();
        foreach (var source in sources)
        {
            var passage = source.Passage;
            text.Append("<source number=\"").Append(source.Number).Append('"')
                .Append(" episode=\"").Append(Attribute(passage.EpisodeTitle)).Append('"');
            if (!string.IsNullOrWhiteSpace(passage.Chapter))
                text.Append(" chapter=\"").Append(Attribute(passage.Chapter)).Append('"');
            text.Append(" time=\"").Append(passage.TimeRange).Append("\">\n");

            var all = passage.Text;
            foreach (var line in passage.Lines)
            {
                var words = line.Offset + line.Length <= all.Length ? all.Substring(line.Offset, line.Length) : "";
                text.Append('[').Append(Timestamp.Format(line.StartSec)).Append("] ");
                if (!string.IsNullOrWhiteSpace(line.Speaker))
                    text.Append(Content(line.Speaker)).Append(": ");
                text.Append(Content(words)).Append('\n');
            }
            text.Append("</source>\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// Neutralises only what could act as a delimiter (<c>&lt;source</c>, <c>&lt;/source</c>, the question's
    /// tags) and line breaks; everything else stays as spoken so quotes can be copied exactly.
    /// </summary>
    public static string Content(string text) =>
        Delimiter().Replace(text.ReplaceLineEndings(" "), "&lt;");

    private static string Attribute(string text) =>
        text.ReplaceLineEndings(" ").Replace("&", "&amp;").Replace("\"", "&quot;").Replace("<", "&lt;").Replace(">", "&gt;");

    [GeneratedRegex(@"<(?=\s*/?\s*(source|question)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Delimiter();
}
