namespace Ask.Adapters.Transcripts.Captions;

/// <param name="Ambiguous">Sequences that look mis-decoded but were left unchanged because they cannot be decoded safely.</param>
internal sealed record CaptionRepairResult(string Text, bool Changed, IReadOnlyList<string> Ambiguous);
