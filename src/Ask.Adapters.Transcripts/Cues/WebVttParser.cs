using System.Text.RegularExpressions;
using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// Reads WebVTT captions. The header, <c>NOTE</c>, <c>STYLE</c> and <c>REGION</c> blocks and cue settings
/// are ignored; a multi-line cue is one caption; a voice span <c>&lt;v Name&gt;</c> names the speaker, who
/// keeps speaking in later cues until another voice span (captioning tools mark only changes); a cue
/// with two voices becomes two captions at the cue's start.
/// </summary>
internal static partial class WebVttParser
{
    public static List<RawCaption> Parse(SourceText source, List<ReadProblem> problems, int maxCues)
    {
        var warnings = new LineWarnings(source.Path, problems);
        var blocks = new CueBlockReader(source, warnings, maxCues) { IsWebVtt = true };
        var cues = blocks.Read();
        var captions = new List<RawCaption>(cues.Count);
        string? speaker = null;
        foreach (var cue in cues)
        {
            var markup = string.Join('\n', cue.Lines);
            var position = 0;
            IEnumerable<Match> voices = markup.Contains("<v", StringComparison.Ordinal) ? Voice().Matches(markup) : [];
            foreach (var voice in voices)
            {
                Add(markup[position..voice.Index]);
                speaker = CueText.Collapse(System.Net.WebUtility.HtmlDecode(voice.Groups["name"].Value));
                if (speaker.Length == 0) speaker = null;
                position = voice.Index + voice.Length;
            }
            Add(markup[position..]);

            void Add(string part)
            {
                var text = RepairedText.Of(CueText.Plain(part), cue.TimingLine, warnings);
                if (text.Length > 0) captions.Add(new RawCaption(cue.Timing.StartSec, text, cue.TimingLine, speaker));
            }
        }
        CueFileNotes.Finish(source, problems, warnings, blocks, maxCues);
        return captions;
    }

    // <v Name>, <v.loud Name>; the name runs to the closing bracket.
    [GeneratedRegex(@"<v(?:\.[^\s<>]*)?\s+(?<name>[^<>]{0,200})>")]
    private static partial Regex Voice();
}
