namespace Ask.Core.Evaluation;

/// <summary>
/// A question with the moment of the archive that answers it, written by reading the transcripts.
/// <see cref="EpisodeId"/> null means the archive cannot answer it.
/// </summary>
public sealed record GoldenQuestion(string Id, string Question, string? EpisodeId, double? StartSec, double? EndSec)
{
    public IReadOnlyList<string> Facts { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool IsAnswerable => EpisodeId is not null;
}
