using System.Text.Json;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Hosting;

namespace Ask.Web.Endpoints;

public static class ChatEndpoints
{
    private static readonly JsonSerializerOptions Sse = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapChatEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/chat", async (HttpContext context, AnswerService answers, CancellationToken ct) =>
        {
            var read = await ChatRequestReader.ReadAsync(context, ct);
            if (read.Problem is not null) return read.Problem;
            try
            {
                var result = await answers.AskAsync(read.Request!, ct);
                return Results.Ok(AnswerDto.From(result, RequestId.Of(context)));
            }
            catch (AskException e)
            {
                return Problems.From(context, e);
            }
        })
        .WithName("Chat")
        .WithSummary("Answer a question from the archive, citing episode moments.")
        .WithJsonRequestBody<ChatRequestDto>()
        .Produces<AnswerDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        api.MapPost("/chat/stream", async (HttpContext context, AnswerService answers, CancellationToken ct) =>
        {
            var read = await ChatRequestReader.ReadAsync(context, ct);
            if (read.Problem is not null) return read.Problem;
            ChatResult result;
            try
            {
                result = await answers.AskAsync(read.Request!, ct);
            }
            catch (AskException e)
            {
                return Problems.From(context, e);
            }
            return Results.Stream(stream => WriteEventsAsync(stream, AnswerDto.From(result, RequestId.Of(context)), ct), "text/event-stream");
        })
        .WithName("ChatStream")
        .WithSummary("The same answer as server-sent events: text deltas, then citations, then the full validated answer.")
        .WithJsonRequestBody<ChatRequestDto>()
        .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
        .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/episodes", async (IChunkIndex index, CancellationToken ct) =>
            Results.Ok((await index.ListEpisodesAsync(ct)).Select(e => new
            {
                id = e.Id, title = e.Title, guests = e.Guests, season = e.Season, episode = e.Number,
                youtube_id = e.YouTubeId, chunks = e.Chunks, duration_sec = e.DurationSec,
            })))
        .WithName("Episodes")
        .WithSummary("The indexed episodes.");
        return api;
    }

    /// <summary>
    /// Only validated text is streamed: the answer is validated as a whole first (a model's JSON cannot
    /// be checked half-written), then sent in word-sized deltas, its citations, and the full answer last.
    /// </summary>
    private static async Task WriteEventsAsync(Stream stream, AnswerDto answer, CancellationToken ct)
    {
        var writer = new StreamWriter(stream) { AutoFlush = false, NewLine = "\n" };
        foreach (var delta in Deltas(answer.Answer))
            await SendAsync(writer, "delta", new { text = delta }, ct);
        await SendAsync(writer, "citations", answer.Citations, ct);
        await SendAsync(writer, "final", answer, ct);
    }

    private static async Task SendAsync(StreamWriter writer, string name, object data, CancellationToken ct)
    {
        await writer.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Sse)}\n\n".AsMemory(), ct);
        await writer.FlushAsync(ct);
    }

    private static IEnumerable<string> Deltas(string text)
    {
        const int WordsPerDelta = 4;
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i += WordsPerDelta)
            yield return string.Join(' ', words.Skip(i).Take(WordsPerDelta)) + (i + WordsPerDelta < words.Length ? " " : "");
    }
}
