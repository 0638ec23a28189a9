namespace Ask.Core.Episodes;

/// <summary>One spoken line of a transcript.</summary>
/// <param name="StartSec">Start second. When the source gave none, estimated between its neighbours (<paramref name="StartIsEstimated"/>).</param>
/// <param name="Chapter">The chapter header in force when the line was spoken, if any.</param>
/// <param name="SourceLine">1-based line in the source file, for messages.</param>
public sealed record TranscriptLine(
    double StartSec,
    string? Speaker,
    string Text,
    string? Chapter = null,
    bool StartIsEstimated = false,
    int SourceLine = 0);
