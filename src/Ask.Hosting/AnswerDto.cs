using System.Text.Json.Serialization;
using Ask.Core.Answering;

namespace Ask.Hosting;

/// <summary>The answer contract of <c>POST /api/chat</c> (and the final event of the stream), documented in the README.</summary>
public sealed record AnswerDto(
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("citations")] IReadOnlyList<CitationDto> Citations,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("degraded")] string? Degraded,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("standalone_question")] string StandaloneQuestion,
    [property: JsonPropertyName("sources_used")] int SourcesUsed,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("timings_ms")] IReadOnlyDictionary<string, double> TimingsMs)
{
    public static AnswerDto From(ChatResult result, string requestId) => new(
        requestId,
        Snake(result.Answer.Status.ToString()),
        result.Answer.Text,
        result.Answer.Citations.Select(CitationDto.From).ToArray(),
        result.Answer.Mode.ToString().ToLowerInvariant(),
        result.Answer.Degraded,
        result.Answer.Reason == RefusalReason.None ? null : Snake(result.Answer.Reason.ToString()),
        result.ConversationId,
        result.Question,
        result.StandaloneQuestion,
        result.Answer.SourcesUsed,
        result.Answer.Prompt,
        result.TimingsMs);

    public static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

public sealed record CitationDto(
    [property: JsonPropertyName("marker")] int Marker,
    [property: JsonPropertyName("episode")] string Episode,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("start_sec")] double StartSec,
    [property: JsonPropertyName("end_sec")] double EndSec,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("speaker")] string? Speaker,
    [property: JsonPropertyName("quote")] string Quote,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("podcast")] PodcastDto Podcast)
{
    public static CitationDto From(Citation c) => new(c.Marker, c.EpisodeId, c.EpisodeTitle, c.StartSec, c.EndSec, c.Start, c.End, c.Speaker, c.Quote, c.Url,
        PodcastDto.From(c.Podcast));
}

/// <summary>The show an episode belongs to, as the API shows it.</summary>
public sealed record PodcastDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title)
{
    public static PodcastDto From(Ask.Core.Episodes.Podcast p) => new(p.Id, p.Title);
}

/// <summary>The body of <c>POST /api/chat</c>.</summary>
public sealed record ChatRequestDto(
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("conversation_id")] string? ConversationId = null,
    [property: JsonPropertyName("history")] IReadOnlyList<ChatTurnDto>? History = null,
    [property: JsonPropertyName("filters")] ChatFiltersDto? Filters = null);

public sealed record ChatTurnDto(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer);

public sealed record ChatFiltersDto(
    [property: JsonPropertyName("episode")] string? Episode = null,
    [property: JsonPropertyName("guest")] string? Guest = null,
    [property: JsonPropertyName("season")] int? Season = null,
    [property: JsonPropertyName("podcast")] string? Podcast = null);
