using Ask.Adapters.Transcripts.Sources;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Cues;

/// <summary>The per-file notes that end reading a cue file: warnings past the budget and the cue cap.</summary>
internal static class CueFileNotes
{
    public static void Finish(SourceText source, List<ReadProblem> problems, LineWarnings warnings, CueBlockReader blocks, int maxCues)
    {
        warnings.Finish();
        if (blocks.CappedAtLine > 0)
            problems.Add(new ReadProblem(source.Path, blocks.CappedAtLine, TranscriptLimits.Capped(maxCues, "cues")));
    }
}
