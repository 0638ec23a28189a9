using System.Text.Json;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

/// <summary>
/// Reads and checks a chat request body itself, so every rejection names the field or the limit:
/// content type, body size, JSON syntax (with line and position), question length and characters.
/// </summary>
internal static class ChatRequestReader
{
    public const int MaxQuestionChars = 1000;
    public const int MaxBodyBytes = 64 * 1024;

    public sealed record Outcome(ChatRequest? Request, IResult? Problem);

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

        var question = dto.Question?.Trim();
        if (string.IsNullOrEmpty(question)) return Fail(context, "question", "The question is empty.");
        if (question.Length > MaxQuestionChars) return Fail(context, "question", $"The question has {question.Length} characters; the limit is {MaxQuestionChars}.");
        var control = question.FirstOrDefault(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r'));
        if (control != default) return Fail(context, "question", $"The question contains a control character (U+{(int)control:X4}).");
        if (dto.History is { Count: > 20 }) return Fail(context, "history", "Send at most 20 earlier turns in history.");
        if (dto.History?.Any(t => string.IsNullOrWhiteSpace(t?.Question)) == true) return Fail(context, "history", "Every history turn needs a question.");

        var filter = dto.Filters is { } f
            ? new SearchFilter
            {
                Episodes = string.IsNullOrWhiteSpace(f.Episode) ? [] : [f.Episode.Trim()],
                Guests = string.IsNullOrWhiteSpace(f.Guest) ? [] : [f.Guest.Trim()],
                Season = f.Season,
            }
            : null;
        var history = dto.History?.Select(t => new ConversationTurn(t.Question, t.Answer ?? "")).ToArray();
        return new Outcome(new ChatRequest(question, dto.ConversationId, history, filter), null);
    }

    private static Outcome Fail(HttpContext context, string field, string detail) => new(null, Problems.BadRequest(context, field, detail));

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.') + ".";
}
