using System.Diagnostics;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Core.Answering;

/// <summary>
/// One question, end to end: make a follow-up standalone, retrieve sources, have the model answer
/// (or answer extractively), validate, repair once, fall back — and never return an unvalidated answer.
/// </summary>
public sealed partial class AnswerService
{
    private readonly Retriever _retriever;
    private readonly ExtractiveAnswerer _extractive;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly AnswerMetrics _metrics;
    private readonly AnswerOptions _options;
    private readonly ILogger _logger;
    private readonly IAnswerModel? _model;

    public AnswerService(Retriever retriever, ExtractiveAnswerer extractive, IEmbeddingGenerator<string, Embedding<float>> embedder,
        AnswerMetrics metrics, IOptions<AnswerOptions> options, ILogger<AnswerService> logger, IAnswerModel? model = null)
    {
        _retriever = retriever;
        _extractive = extractive;
        _embedder = embedder;
        _metrics = metrics;
        _options = options.Value;
        _logger = logger;
        _model = model;
    }

    /// <summary>Generative when a language model is configured; extractive otherwise.</summary>
    public AnswerMode Mode => _model is null ? AnswerMode.Extractive : AnswerMode.Generative;

    /// <param name="onSources">
    /// Called once the moments are retrieved, before any model work — so a stream can show them at once.
    /// Carries retrieved passages only, never model text.
    /// </param>
    public async Task<ChatResult> AskAsync(ChatRequest request, CancellationToken cancellationToken,
        Func<IReadOnlyList<AnswerSource>, CancellationToken, Task>? onSources = null)
    {
        using var span = AskTelemetry.Stage("answer");
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, double>();
        RequestLimits.EnsureQuestion("question", request.Question);
        var history = History(request);

        var question = request.Question.Trim();
        var standalone = question;
        RetrievalResult? retrieval = null;
        if (FollowUpRewriter.MayNeedContext(question, history))
        {
            // A pronoun alone does not make a follow-up: "how did they measure food waste in the
            // supermarket?" stands on its own. Only a question about an unnamed "he" or "she", or one
            // that retrieves poorly alone, is rewritten.
            if (!FollowUpRewriter.RefersToAnUnnamedPerson(question)) retrieval = await RetrieveAsync(question, request.Filter, cancellationToken);
            if (retrieval?.NearestSimilarity is not { } nearest || nearest < _options.StandaloneSimilarity)
            {
                using (AskTelemetry.Stage("rewrite"))
                    standalone = _model is null
                        ? FollowUpRewriter.Rewrite(question, history)
                        : await RewriteAsync(question, history.Where(t => t.CanBeReferredTo).ToArray(), cancellationToken);
                // Bounded whatever the rewriter did: retrieval, the prompt and the next token get at most this much.
                standalone = RequestLimits.Cap(standalone);
                timings["rewrite_ms"] = StageTimer.Lap(clock);
                if (standalone != question) retrieval = null;
            }
        }

        retrieval ??= await RetrieveAsync(standalone, request.Filter, cancellationToken);
        foreach (var (stage, ms) in retrieval.TimingsMs) timings["retrieve_" + stage] = ms;
        StageTimer.Lap(clock);
        var sources = AnswerSource.NumberAll(retrieval.Passages);
        if (onSources is not null) await onSources(sources, cancellationToken);

        Answer answer;
        if (sources.Count == 0)
            answer = new Answer(AnswerStatus.NotInArchive, CitationValidator.NotInArchiveText, [], Mode);
        else if (_model is null)
            answer = await ExtractiveAsync(standalone, retrieval, sources, timings, clock, cancellationToken);
        else
            answer = await GenerativeAsync(_model, standalone, retrieval, sources, timings, clock, cancellationToken);

        timings["total_ms"] = Math.Round(timings.Values.Sum(), 3);
        _metrics.Answered(answer);
        _metrics.StagesTimed(timings);
        span?.SetTag("ask.mode", answer.Mode.ToString().ToLowerInvariant()).SetTag("ask.status", answer.Status.ToString()).SetTag("ask.degraded", answer.Degraded);
        var turns = history.Append(TurnOf(question, answer, sources)).TakeLast(_options.HistoryTurns).ToArray();
        return new ChatResult(answer, request.Question, standalone, ConversationToken.Encode(turns), timings, sources);
    }

    private async Task<RetrievalResult> RetrieveAsync(string question, SearchFilter? filter, CancellationToken cancellationToken)
    {
        using var retrieve = AskTelemetry.Stage("retrieve");
        var retrieval = await _retriever.SearchAsync(question, _options.Sources, filter, cancellationToken);
        retrieve?.SetTag("ask.passages", retrieval.Passages.Count);
        return retrieval;
    }

    /// <summary>
    /// What the next question may refer to: the user's own question (never a rewrite), whether it was
    /// answered, and the guests and the episode the answer quoted first.
    /// </summary>
    private static ConversationTurn TurnOf(string question, Answer answer, IReadOnlyList<AnswerSource> sources)
    {
        if (answer.Status != AnswerStatus.Answered || answer.Citations.Count == 0) return new ConversationTurn(question, answer.Text) { Answered = false };
        var people = answer.Citations
            .Where(c => c.Speaker is not null && PassageOf(c.EpisodeId, sources) is { } passage && !EpisodePeople.IsHost(c.Speaker, passage))
            .Select(c => c.Speaker!).Distinct(StringComparer.Ordinal).ToArray();
        return new ConversationTurn(question, answer.Text)
        {
            People = people,
            Episode = RequestLimits.Cap(ExtractiveAnswerer.ShortTitle(answer.Citations[0].EpisodeTitle), RequestLimits.MaxNameChars),
        };
    }

    private static Retrieval.Passage? PassageOf(string episodeId, IReadOnlyList<AnswerSource> sources) =>
        sources.FirstOrDefault(s => s.Passage.EpisodeId == episodeId)?.Passage;

    private async Task<Answer> GenerativeAsync(IAnswerModel model, string question, RetrievalResult retrieval, IReadOnlyList<AnswerSource> sources,
        Dictionary<string, double> timings, Stopwatch clock, CancellationToken cancellationToken)
    {
        var prompt = new AnswerPrompt(question, sources);
        string? degraded = null;
        try
        {
            for (var round = 0; ; round++)
            {
                ModelReply reply;
                using (var generate = AskTelemetry.Stage(round == 0 ? "generate" : "repair"))
                {
                    reply = await model.ComposeAsync(prompt, cancellationToken);
                    generate?.SetTag("ask.reply", reply.Kind.ToString());
                }
                timings[round == 0 ? "generate_ms" : $"repair{round}_ms"] = StageTimer.Lap(clock);
                switch (reply.Kind)
                {
                    case ModelReplyKind.Refused:
                        _metrics.Refused();
                        // The model's own words for a refusal are not shown: a transcript could have put them there.
                        if (!string.IsNullOrWhiteSpace(reply.Refusal)) LogRefusal(_logger, reply.Refusal);
                        return new Answer(AnswerStatus.Refused, CitationValidator.RefusedText, [], AnswerMode.Generative) { SourcesUsed = sources.Count, Prompt = reply.Prompt };
                    case ModelReplyKind.Truncated:
                        // A cut-off reply is never patched up, and asking again at the same limit would cut again.
                        degraded = "model_output_truncated: the model's reply was cut at the output token limit";
                        break;
                    case ModelReplyKind.ContentFiltered:
                        degraded = "content_filtered: the provider's content filter stopped the reply";
                        break;
                    case ModelReplyKind.PromptTruncated:
                        LogPromptTruncated(_logger, reply.Detail ?? "");
                        degraded = "prompt_truncated_upstream: the provider cut the prompt to its context window";
                        break;
                    default:
                        // Only the sources the prompt carried can be cited.
                        var shown = reply.SourcesUsed is { } used && used < sources.Count ? sources.Take(used).ToArray() : sources;
                        DraftValidation validation;
                        using (var validate = AskTelemetry.Stage("validate"))
                        {
                            validation = CitationValidator.Validate(reply.Content, shown, AnswerMode.Generative);
                            validate?.SetTag("ask.valid", validation.Answer is not null).SetTag("ask.errors", validation.Errors.Count);
                        }
                        timings[round == 0 ? "validate_ms" : $"validate{round}_ms"] = StageTimer.Lap(clock);
                        if (validation.Answer is { } valid) return valid with { Prompt = reply.Prompt, RepairRounds = round };
                        _metrics.ValidationFailed(validation.Errors);
                        LogInvalid(_logger, round, string.Join(" | ", validation.Errors));
                        if (round < _options.RepairRounds)
                        {
                            _metrics.Repaired();
                            prompt = prompt with { Repair = new RepairRequest(reply.Content ?? "", validation.Errors) };
                            continue;
                        }
                        // The validator's errors quote the model's reply; they are in the log above, not in the answer.
                        degraded = "validation_failed: the model's answer did not pass citation checks";
                        break;
                }
                break;
            }
        }
        // A full queue is not a fault to hide: the caller is told to come back (503 with Retry-After).
        catch (AskException e) when (e.IsTransient && _options.FallBackToExtractive && e is not AskBusyException)
        {
            // The provider's own error text (it can name an organisation or an endpoint) goes to the log only.
            LogModelUnavailable(_logger, e);
            degraded = e is AskTimeoutException ? "model_unavailable: the language model timed out" : "model_unavailable: the language model could not be reached";
            timings["generate_ms"] = StageTimer.Lap(clock);
        }

        _metrics.FellBack(degraded!);
        LogFallback(_logger, degraded!);
        using var fallbackSpan = AskTelemetry.Stage("fallback")?.SetTag("ask.degraded", degraded);
        var fallback = await ExtractiveAsync(question, retrieval, sources, timings, clock, cancellationToken);
        return fallback with { Degraded = degraded };
    }

    private async Task<Answer> ExtractiveAsync(string question, RetrievalResult retrieval, IReadOnlyList<AnswerSource> sources,
        Dictionary<string, double> timings, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var span = AskTelemetry.Stage("extract");
        var vector = retrieval.QueryVector ?? await _embedder.GenerateVectorAsync(question, QueryEmbedding.Options, cancellationToken);
        var result = await _extractive.AnswerAsync(question, vector, sources, retrieval.NearestSimilarity, cancellationToken);
        timings["extract_ms"] = StageTimer.Lap(clock);
        return result.Answer;
    }

    private async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        try
        {
            var rewritten = (await _model!.RewriteAsync(question, history, cancellationToken)).Trim();
            return rewritten.Length is > 0 and <= RequestLimits.MaxQuestionChars && RequestLimits.Check("question", rewritten) is null ? rewritten : FollowUpRewriter.Rewrite(question, history);
        }
        catch (AskException e) when (e.IsTransient)
        {
            return FollowUpRewriter.Rewrite(question, history);
        }
    }

    private IReadOnlyList<ConversationTurn> History(ChatRequest request)
    {
        if (request.History is { Count: > 0 } sent)
        {
            RequestLimits.EnsureTurns("history", sent);
            return sent.Select(t => t with { Answer = t.Answer ?? "" }).TakeLast(_options.HistoryTurns).ToArray();
        }
        if (string.IsNullOrEmpty(request.ConversationId)) return [];
        return ConversationToken.TryDecode(request.ConversationId, out var error)
            ?? throw new AskRequestException("conversation_id", error!);
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Model reply rejected (round {Round}): {Errors}")]
    private static partial void LogInvalid(ILogger logger, int round, string errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "The LLM provider cut the prompt to its context window; answers lose their rules. {Detail}")]
    private static partial void LogPromptTruncated(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model refused; its text (not shown to the user): {Refusal}")]
    private static partial void LogRefusal(ILogger logger, string refusal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language model is unavailable")]
    private static partial void LogModelUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering extractively instead: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);
}

/// <param name="History">Earlier turns sent by the client, instead of a <paramref name="ConversationId"/>.</param>
public sealed record ChatRequest(string Question, string? ConversationId = null, IReadOnlyList<ConversationTurn>? History = null, SearchFilter? Filter = null);

/// <param name="StandaloneQuestion">The question as retrieval saw it, after a follow-up was rewritten.</param>
/// <param name="ConversationId">Send it with the next question to continue this conversation.</param>
public sealed record ChatResult(
    Answer Answer,
    string Question,
    string StandaloneQuestion,
    string ConversationId,
    IReadOnlyDictionary<string, double> TimingsMs,
    IReadOnlyList<AnswerSource> Sources);

/// <summary>Something in the request is wrong; <see cref="Field"/> names it. Hosts answer 400.</summary>
public sealed class AskRequestException(string field, string message) : AskException(message)
{
    public string Field { get; } = field;
}
