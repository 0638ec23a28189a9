using System.Text.Json.Serialization;
using Ask.Core.Chunking;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>The on-disk shape of a chunk; kept apart from <see cref="Chunk"/> so the domain type can change freely.</summary>
internal sealed record ChunkRecord(
    string Episode,
    int Ordinal,
    string Title,
    string? Chapter,
    double Start,
    double End,
    string Text,
    ChunkLineRecord[] Lines,
    string[] Guests,
    int? Season,
    int? Number,
    string? YouTube,
    bool? NoHeader = null,
    string? Podcast = null,
    string? PodcastTitle = null,
    string? Audio = null,
    string? Page = null)
{
    // The first archive's podcast is written as nothing, so its records stay as they were before there
    // were several podcasts, and a record without one (an older index) reads as the first archive's.
    public static ChunkRecord From(Chunk c) => new(
        c.EpisodeId, c.Ordinal, c.EpisodeTitle, c.Chapter, c.StartSec, c.EndSec, c.Text,
        c.Lines.Select(l => new ChunkLineRecord(l.StartSec, l.Speaker, l.Offset, l.Length, l.LineIndex, l.StartIsEstimated)).ToArray(),
        c.Guests.ToArray(), c.Season, c.EpisodeNumber, c.YouTubeId, c.ContextHeader ? null : true,
        c.Podcast == Ask.Core.Episodes.Podcast.DataTalksClub ? null : c.Podcast.Id,
        c.Podcast == Ask.Core.Episodes.Podcast.DataTalksClub ? null : c.Podcast.Title,
        c.AudioUrl, c.PageUrl);

    public Chunk ToChunk() => new(Episode, Ordinal, Title, Chapter, Start, End, Text,
        Lines.Select(l => new ChunkLine(l.Start, l.Speaker, l.Offset, l.Length, l.Line, l.Estimated)).ToArray())
    {
        Guests = Guests,
        Season = Season,
        EpisodeNumber = Number,
        YouTubeId = YouTube,
        ContextHeader = NoHeader != true,
        Podcast = Podcast is null ? Ask.Core.Episodes.Podcast.DataTalksClub : new Ask.Core.Episodes.Podcast(Podcast, PodcastTitle ?? Podcast),
        AudioUrl = Audio,
        PageUrl = Page,
    };
}

internal sealed record ChunkLineRecord(double Start, string? Speaker, int Offset, int Length, int Line, bool Estimated);

/// <summary>What a generation holds, written last so an incomplete generation has none.</summary>
/// <param name="Files">
/// Every other file of the generation (path relative to its folder, '/'-separated) with its size and
/// SHA-256, so a load can tell a whole generation from a damaged one. Format 1 generations have none.
/// </param>
internal sealed record GenerationManifest(
    int FormatVersion,
    string Model,
    int Dimensions,
    int ChunkCount,
    DateTimeOffset CreatedAt,
    Dictionary<string, string> Episodes,
    Dictionary<string, GenerationFile>? Files = null)
{
    public const int CurrentFormat = 2;

    /// <summary>Format 1 differs only in having no <see cref="Files"/>; such generations are still read.</summary>
    public const int OldestReadableFormat = 1;
}

internal sealed record GenerationFile(long Size, string Sha256);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChunkRecord[]))]
[JsonSerializable(typeof(ChunkRecord))]
[JsonSerializable(typeof(GenerationManifest))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
