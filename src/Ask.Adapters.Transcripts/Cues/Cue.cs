namespace Ask.Adapters.Transcripts.Cues;

/// <summary>One cue of a WebVTT or SRT file: its timing, its text lines (markup still in) and the file line of its timing.</summary>
internal sealed record Cue(CueTiming Timing, IReadOnlyList<string> Lines, int TimingLine);
