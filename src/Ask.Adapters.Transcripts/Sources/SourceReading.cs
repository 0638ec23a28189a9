using Ask.Adapters.Transcripts.Captions;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>What one file held, before raw captions and chapter lists are attached to their episodes.</summary>
/// <param name="Result">The episode read from an episode file, or the reason the file was skipped; null for sidecars.</param>
internal sealed record SourceReading(string Path, SourceFormat Format, EpisodeReadResult? Result)
{
    public IReadOnlyList<RawCaption> Captions { get; init; } = [];
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];

    /// <summary>Warnings about a raw caption file or chapter list.</summary>
    public IReadOnlyList<ReadProblem> Problems { get; init; } = [];
}
