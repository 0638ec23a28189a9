namespace Ask.Adapters.Transcripts.Captions;

/// <summary>One caption as written in a transcript: its own start, its file line and who speaks, when the format says.</summary>
internal sealed record RawCaption(double StartSec, string Text, int SourceLine, string? Speaker = null);
