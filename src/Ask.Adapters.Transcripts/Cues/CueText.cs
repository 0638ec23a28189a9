using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// Turns the marked-up text of a cue into plain words: tags (<c>&lt;i&gt;</c>, <c>&lt;c.yellow&gt;</c>,
/// <c>&lt;font color=…&gt;</c>), inline timestamps (<c>&lt;00:00:01.500&gt;</c>) and SSA overrides
/// (<c>{\an8}</c>) are removed, character references decoded, whitespace collapsed, and sound
/// annotations (<c>[Music]</c>, <c>(applause)</c>) dropped: they are not words anyone said.
/// </summary>
internal static partial class CueText
{
    private static readonly HashSet<string> Sounds = new(StringComparer.OrdinalIgnoreCase)
    {
        "music", "applause", "laughter", "laughs", "laughing", "inaudible", "crosstalk", "silence", "noise",
        "cheering", "background noise", "music playing", "upbeat music", "intro music", "outro music", "chuckles",
    };

    private static readonly System.Buffers.SearchValues<char> MarkupStarts = System.Buffers.SearchValues.Create("<&{[(");

    public static string Plain(string markup)
    {
        // Most cues hold no markup at all; the regular expressions below are the bulk of the cost.
        if (markup.AsSpan().IndexOfAny(MarkupStarts) < 0) return Collapse(markup);
        var text = Tag().Replace(markup, " ");
        text = SsaOverride().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        text = SoundAnnotation().Replace(text, m => Sounds.Contains(m.Groups["sound"].Value.Trim()) ? " " : m.Value);
        return Collapse(text);
    }

    /// <summary>Runs of whitespace (line ends of a multi-line cue among them) become one space.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) space = builder.Length > 0;
            else
            {
                if (space) builder.Append(' ');
                builder.Append(c);
                space = false;
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"<[^<>]{0,500}>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\{\\[^{}]{0,200}\}")]
    private static partial Regex SsaOverride();

    [GeneratedRegex(@"[\[(](?<sound>[^\[\]()]{1,40})[\])]")]
    private static partial Regex SoundAnnotation();
}
