using Ask.Adapters.Transcripts.Captions;
using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>
/// Reads SRT captions: numbered cues with <c>hh:mm:ss,ttt</c> times. Formatting tags are removed, and
/// speaker prefixes (<c>Name:</c>, <c>[Name]</c>) become speakers when the file uses them like names.
/// </summary>
internal static class SrtParser
{
    public static List<RawCaption> Parse(SourceText source, List<ReadProblem> problems, int maxCues)
    {
        var warnings = new LineWarnings(source.Path, problems);
        var blocks = new CueBlockReader(source, warnings, maxCues);
        var captions = new List<RawCaption>();
        foreach (var cue in blocks.Read())
        {
            var text = RepairedText.Of(CueText.Plain(string.Join('\n', cue.Lines)), cue.TimingLine, warnings);
            if (text.Length > 0) captions.Add(new RawCaption(cue.Timing.StartSec, text, cue.TimingLine));
        }
        CueFileNotes.Finish(source, problems, warnings, blocks, maxCues);
        return SpeakerPrefixes.Apply(captions);
    }
}
