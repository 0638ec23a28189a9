namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>A transcript line as read, before missing starts are estimated.</summary>
/// <param name="Sec">The start the source gave, or null when it gave none.</param>
internal sealed record PendingLine(double? Sec, string? Speaker, string Text, string? Chapter, int SourceLine);
