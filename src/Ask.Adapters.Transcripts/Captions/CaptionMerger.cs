using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Captions;

/// <summary>
/// Joins captions of a few words into sentence-sized transcript lines, so chunks end at sentence ends
/// the way they do for edited transcripts. A merged line starts at its first caption and points at that
/// caption's file line, so the exact second of each caption stays one lookup away in the source.
/// </summary>
internal static class CaptionMerger
{
    private const int MinWords = 8;
    private const int MaxWords = 45;
    // A pause this long is a turn or a new thought even without punctuation.
    private const double PauseSec = 8;

    public static List<TranscriptLine> Merge(IReadOnlyList<RawCaption> captions)
    {
        var lines = new List<TranscriptLine>();
        var start = 0;
        var words = 0;
        for (var i = 0; i < captions.Count; i++)
        {
            words += TextStatistics.CountWords(captions[i].Text);
            var isLast = i == captions.Count - 1;
            var endsSentence = EndsSentence(captions[i].Text) && words >= MinWords;
            var pauseFollows = !isLast && captions[i + 1].StartSec - captions[i].StartSec > PauseSec;
            // A line has one speaker: a change of speaker ends it whatever its length.
            var speakerChanges = !isLast && captions[i + 1].Speaker != captions[start].Speaker;
            if (isLast || endsSentence || words >= MaxWords || pauseFollows || speakerChanges)
            {
                var text = string.Join(' ', captions.Skip(start).Take(i - start + 1).Select(c => c.Text.Trim()));
                lines.Add(new TranscriptLine(captions[start].StartSec, captions[start].Speaker, text, SourceLine: captions[start].SourceLine));
                start = i + 1;
                words = 0;
            }
        }
        return lines;
    }

    private static bool EndsSentence(string text)
    {
        var trimmed = text.TrimEnd().TrimEnd('"', '\'', ')', ']', '”', '’');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '?' or '!' or '…';
    }
}
