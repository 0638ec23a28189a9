using Ask.Core.Episodes;

namespace Ask.Core.Ingestion;

/// <summary>
/// Reads episodes from files and folders, whatever their format. A file that cannot be read is
/// reported as a result with problems; it never ends the run.
/// </summary>
public interface IEpisodeReader
{
    IAsyncEnumerable<EpisodeReadResult> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken);
}

/// <summary>What reading one source file produced: an episode, or the reason it was skipped, plus warnings.</summary>
public sealed record EpisodeReadResult(string Source, Episode? Episode, IReadOnlyList<ReadProblem> Problems)
{
    public static EpisodeReadResult Read(Episode episode, IReadOnlyList<ReadProblem>? warnings = null) =>
        new(episode.Source, episode, warnings ?? []);

    public static EpisodeReadResult Skipped(string source, SkipReason reason, string message, int line = 0) =>
        new(source, null, [new ReadProblem(source, line, message, reason)]);

    /// <summary>Why the file was skipped, when it was.</summary>
    public SkipReason? SkipReason => Episode is null ? Problems.FirstOrDefault(p => p.SkipReason is not null)?.SkipReason ?? Ingestion.SkipReason.Unreadable : null;
}

/// <summary>A problem found in a source, with the file and line it is at.</summary>
/// <param name="SkipReason">Set when the problem made the file unusable; null for a warning.</param>
public sealed record ReadProblem(string File, int Line, string Message, SkipReason? SkipReason = null)
{
    public bool IsWarning => SkipReason is null;

    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

public enum SkipReason
{
    /// <summary>Not parseable as any known episode format.</summary>
    Unreadable,
    /// <summary>A template: <c>{{ placeholders }}</c> instead of values.</summary>
    Template,
    /// <summary>Metadata or chapters only, nothing to search.</summary>
    NoTranscript,
    /// <summary>The same transcript as another episode of this run.</summary>
    DuplicateTranscript,
    /// <summary>A chapter list or raw captions with no episode to attach to.</summary>
    Unattached,
}
