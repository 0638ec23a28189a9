namespace Ask.Adapters.Transcripts.Captions;

/// <summary>One caption as written in a raw transcript: its own start and its file line.</summary>
internal sealed record RawCaption(double StartSec, string Text, int SourceLine);
