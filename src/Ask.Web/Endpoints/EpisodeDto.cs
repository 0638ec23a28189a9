using System.Text.Json.Serialization;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

/// <summary>One indexed episode as <c>GET /api/episodes</c> lists it, for the page's filters.</summary>
public sealed record EpisodeDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("guests")] IReadOnlyList<string> Guests,
    [property: JsonPropertyName("season")] int? Season,
    [property: JsonPropertyName("episode")] int? Episode,
    [property: JsonPropertyName("youtube_id")] string? YouTubeId,
    [property: JsonPropertyName("chunks")] int Chunks,
    [property: JsonPropertyName("duration_sec")] double DurationSec,
    [property: JsonPropertyName("podcast")] PodcastDto Podcast,
    [property: JsonPropertyName("audio_url")] string? AudioUrl,
    [property: JsonPropertyName("page_url")] string? PageUrl)
{
    public static EpisodeDto From(EpisodeSummary e) => new(
        e.Id, e.Title, e.Guests, e.Season, e.Number, e.YouTubeId, e.Chunks, e.DurationSec, PodcastDto.From(e.Podcast),
        MomentLink.WebAddress(e.AudioUrl)?.AbsoluteUri, MomentLink.WebAddress(e.PageUrl)?.AbsoluteUri);
}
