using System.Text.Json;
using Ask.Core;
using Ask.Core.Answering;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Ask.Web.Endpoints;

public static class ChatEndpoints
{
    private static readonly JsonSerializerOptions Sse = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapChatEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/chat", ChatAsync)
            .WithName("Chat")
            .WithSummary("Answer a question from the archive, citing episode moments.")
            .WithJsonRequestBody<ChatRequestDto>()
            .ProducesUpstreamProblems();

        api.MapPost("/chat/stream", ChatStreamAsync)
            .WithName("ChatStream")
            .WithSummary("The answer as server-sent events: the retrieved moments at once (sources), comment heartbeats while the model works, then the validated answer's text deltas, citations and the full answer.")
            .WithJsonRequestBody<ChatRequestDto>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesUpstreamProblems();

        api.MapGet("/episodes", EpisodesAsync)
            .WithName("Episodes")
            .WithSummary("The indexed episodes.")
            .ProducesUpstreamProblems();
        return api;
    }

    public static async Task<Results<Ok<AnswerDto>, ProblemHttpResult>> ChatAsync(HttpContext context, AnswerService answers, CancellationToken ct)
    {
        var read = await ChatRequestReader.ReadAsync(context, ct);
        if (read.Problem is not null) return read.Problem;
        var result = await answers.AskAsync(read.Request!, ct);
        return TypedResults.Ok(AnswerDto.From(result, RequestId.Of(context)));
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ChatStreamAsync(HttpContext context, AnswerService answers, IOptions<ApiLimitsOptions> limits, CancellationToken ct)
    {
        var read = await ChatRequestReader.ReadAsync(context, ct);
        if (read.Problem is not null) return read.Problem;
        await StreamAsync(context, answers, read.Request!, limits.Value.StreamHeartbeat, ct);
        return TypedResults.Empty;
    }

    public static async Task<Ok<EpisodeDto[]>> EpisodesAsync(IChunkIndex index, CancellationToken ct) =>
        TypedResults.Ok((await index.ListEpisodesAsync(ct)).Select(EpisodeDto.From).ToArray());

    /// <summary>
    /// Streams what is known when it is known. Until the moments are retrieved nothing is sent, so a bad
    /// request or a failing store is still a plain problem response (400, 503). Then: a <c>sources</c> event
    /// with the retrieved moments (transcript text, not model text), a comment heartbeat every
    /// <paramref name="heartbeat"/> while the model works (proxies with idle timeouts keep the connection),
    /// and only once the answer is validated as a whole — a model's JSON cannot be checked half-written —
    /// its text in word-sized deltas, its citations and the full answer. Streamed text is never withdrawn.
    /// A failure before the stream began propagates to <see cref="AskProblemFilter"/>; one after it is an
    /// <c>error</c> event titled as <see cref="UpstreamFailure"/> names it, with a generic detail.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, AnswerService answers, ChatRequest request, TimeSpan heartbeat, CancellationToken ct)
    {
        var retrieved = new TaskCompletionSource<IReadOnlyList<AnswerSource>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answering = answers.AskAsync(request, ct, (sources, _) =>
        {
            retrieved.TrySetResult(sources);
            return Task.CompletedTask;
        });
        var first = await Task.WhenAny(retrieved.Task, answering);
        if (first == answering && !retrieved.Task.IsCompleted)
        {
            var result = await answering;
            // Nothing retrieved before the answer (cannot happen today): stream it whole.
            retrieved.TrySetResult(result.Sources);
        }

        var requestId = RequestId.Of(context);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Kestrel sends at once; a proxy that buffers (nginx) is told not to.
        response.Headers["X-Accel-Buffering"] = "no";
        var writer = new StreamWriter(response.Body) { AutoFlush = false, NewLine = "\n" };
        await SendAsync(writer, "sources", (await retrieved.Task).Select(s => new StreamSourceDto(s.Number, PassageDto.From(s.Passage))).ToArray(), ct);
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        while (!answering.IsCompleted)
        {
            if (await Task.WhenAny(answering, Task.Delay(heartbeat, time, ct)) == answering) break;
            await writer.WriteAsync(": working\n\n".AsMemory(), ct);
            await writer.FlushAsync(ct);
        }
        ChatResult answered;
        try
        {
            answered = await answering;
        }
        catch (AskException e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ask.Web.Stream").LogError(e, "Streamed answer failed");
            await SendAsync(writer, "error", new StreamErrorDto(UpstreamFailure.Of(e).Title,
                "The answer could not be completed; try again, and quote the request id if it persists.", requestId), ct);
            return;
        }
        var answer = AnswerDto.From(answered, requestId);
        foreach (var delta in Deltas(answer.Answer))
            await SendAsync(writer, "delta", new StreamDeltaDto(delta), ct);
        await SendAsync(writer, "citations", answer.Citations, ct);
        await SendAsync(writer, "final", answer, ct);
    }

    private static async Task SendAsync<T>(StreamWriter writer, string name, T data, CancellationToken ct)
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
