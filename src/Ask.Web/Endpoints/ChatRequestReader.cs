using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ask.Web.Endpoints;

/// <summary>
/// Reads and checks a chat request body itself, so every rejection names the field or the limit:
/// content type, body size, JSON syntax (with line and position), question length and characters.
/// </summary>
internal static class ChatRequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record Outcome(ChatRequest? Request, ProblemHttpResult? Problem);

    public static async Task<Outcome> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            return Fail(context, "Content-Type", $"Send the question as JSON with Content-Type: application/json (got '{request.ContentType ?? "none"}').");
        if (request.ContentLength > MaxBodyBytes)
            return Fail(context, "body", $"The body has {request.ContentLength} bytes; the limit is {MaxBodyBytes}.");

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return Fail(context, "body", $"The body is larger than the limit of {MaxBodyBytes} bytes.");
        }

        ChatRequestDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<ChatRequestDto>(buffer.ToArray());
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            return Fail(context, e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body", $"The body is not valid JSON for a chat request{where} (line {e.LineNumber + 1}, position {e.BytePositionInLine}): {FirstSentence(e.Message)}");
        }
        if (dto is null) return Fail(context, "body", "The body is empty; send {\"question\": \"...\"}.");

        if (RequestLimits.Check("question", dto.Question) is { } invalid) return Fail(context, "question", invalid);
        var question = dto.Question!.Trim();
        var history = dto.History?.Select(t => t is null ? null : new ConversationTurn(t.Question, t.Answer ?? "")).ToArray();
        if (history is not null)
        {
            try
            {
                RequestLimits.EnsureTurns("history", history);
            }
            catch (AskRequestException e)
            {
                return Fail(context, e.Field, e.Message);
            }
        }
        if ((Check("filters.episode", dto.Filters?.Episode) ?? Check("filters.guest", dto.Filters?.Guest) ?? Check("filters.podcast", dto.Filters?.Podcast)) is { } filterError)
            return Fail(context, filterError.Field, filterError.Detail);
        if (!string.IsNullOrWhiteSpace(dto.Filters?.Podcast) && PodcastSpec.CheckId(dto.Filters.Podcast.Trim()) is { } podcastError)
            return Fail(context, "filters.podcast", "The podcast filter " + podcastError + ".");

        var filter = dto.Filters is { } f
            ? new SearchFilter
            {
                Episodes = string.IsNullOrWhiteSpace(f.Episode) ? [] : [f.Episode.Trim()],
                Guests = string.IsNullOrWhiteSpace(f.Guest) ? [] : [f.Guest.Trim()],
                Season = f.Season,
                Podcasts = string.IsNullOrWhiteSpace(f.Podcast) ? [] : [f.Podcast.Trim()],
            }
            : null;
        return new Outcome(new ChatRequest(question, dto.ConversationId, history!, filter), null);
    }

    private static (string Field, string Detail)? Check(string field, string? value) =>
        RequestLimits.Check(field, value, RequestLimits.MaxFilterChars, required: false) is { } error ? (field, error) : null;

    private static Outcome Fail(HttpContext context, string field, string detail) => new(null, Problems.BadRequest(context, field, detail));

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.') + ".";
}
