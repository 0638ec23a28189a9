using System.Text.Json;
using System.Text.Json.Serialization;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;

namespace Ask.Hosting;

/// <summary>The JSON shape of a retrieved passage, the same from <c>ask search --json</c> and <c>GET /api/search</c>.</summary>
public sealed record PassageDto(
    [property: JsonPropertyName("episode")] string Episode,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("chapter")] string? Chapter,
    [property: JsonPropertyName("start_sec")] double StartSec,
    [property: JsonPropertyName("end_sec")] double EndSec,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("speakers")] IReadOnlyList<string> Speakers,
    [property: JsonPropertyName("guests")] IReadOnlyList<string> Guests,
    [property: JsonPropertyName("season")] int? Season,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("podcast")] PodcastDto Podcast)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static PassageDto From(Passage p) => new(
        p.EpisodeId, p.EpisodeTitle, p.Chapter, p.StartSec, p.EndSec, Timestamp.Format(p.StartSec), Timestamp.Format(p.EndSec),
        p.Speakers, p.Guests, p.Season, Math.Round(p.Score, 6), p.Text, p.Url, PodcastDto.From(p.Podcast));
}
