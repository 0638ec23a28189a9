using Ask.Core.Answering;
using Ask.Core.Retrieval;

namespace Ask.Core.Evaluation;

/// <summary>
/// Runs golden questions through the pipeline the chat endpoint uses — retrieval, then the answer service
/// with its validation — and scores each one.
/// </summary>
public sealed class GoldenSetEvaluator(Retriever retriever, AnswerService answers, IFactJudge factJudge)
{
    public string FactMethod => factJudge.Method;

    /// <param name="k">Passages retrieved per question for the retrieval metrics (hit@k up to this k).</param>
    public async Task<IReadOnlyList<EvaluationItem>> RunAsync(IReadOnlyList<GoldenQuestion> questions, int k,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        var items = new List<EvaluationItem>(questions.Count);
        // The turns of a golden conversation follow each other; each is asked with the previous turn's conversation id.
        (string Conversation, string Token)? conversation = null;
        foreach (var question in questions)
        {
            var token = question.Turn is { Index: > 0 } turn && conversation is { } c && c.Conversation == turn.Conversation ? c.Token : null;
            var (item, next) = await EvaluateAsync(question, k, token, cancellationToken);
            items.Add(item);
            conversation = question.Turn is { } t ? (t.Conversation, next) : null;
            progress?.Report(new EvaluationProgress(items.Count, questions.Count, question.Id));
        }
        return items;
    }

    public async Task<EvaluationItem> EvaluateAsync(GoldenQuestion question, int k, CancellationToken cancellationToken) =>
        (await EvaluateAsync(question, k, null, cancellationToken)).Item;

    private async Task<(EvaluationItem Item, string ConversationId)> EvaluateAsync(GoldenQuestion question, int k, string? conversationId, CancellationToken cancellationToken)
    {
        var chat = await answers.AskAsync(new ChatRequest(question.Question, conversationId, Filter: question.Filter), cancellationToken);
        var answer = chat.Answer;
        // Retrieval is judged on what the pipeline searched for: the standalone form of a follow-up.
        var retrieval = await retriever.SearchAsync(chat.StandaloneQuestion, k, question.Filter, cancellationToken);
        var passages = retrieval.Passages;
        var spanHits = passages.Select(p => RetrievalJudge.IsSpanHit(question, p)).ToArray();
        var retrieved = passages.Select((p, i) => new RetrievedMoment(p.EpisodeId, p.EpisodeTitle, p.StartSec, p.EndSec, Math.Round(p.Score, 6), spanHits[i])).ToArray();

        bool? citationSpanMatch = question.IsAnswerable
            ? answer.Citations.Any(c => RetrievalJudge.IsSpanHit(question, c.EpisodeId, c.StartSec, c.EndSec))
            : null;
        var facts = question.IsAnswerable && question.Facts.Count > 0
            ? answer.Status == AnswerStatus.Answered
                ? await factJudge.JudgeAsync(question.Question, answer.Text, question.Facts, cancellationToken)
                : question.Facts.Select(f => new FactVerdict(f, false, 0, "not answered")).ToArray()
            : [];
        var fabricated = CitationAudit.CountFabricated(answer, chat.Sources);
        var spanRank = RetrievalJudge.FirstRank(passages, p => RetrievalJudge.IsSpanHit(question, p));
        var first = answer.Citations.FirstOrDefault();
        var speakers = SpeakerJudge.Of(question, answer, chat.Sources);

        var item = new EvaluationItem
        {
            Question = question,
            Retrieved = retrieved,
            EpisodeRank = RetrievalJudge.FirstRank(passages, p => RetrievalJudge.IsEpisodeHit(question, p)),
            SpanRank = spanRank,
            Ndcg = RetrievalJudge.Ndcg(spanHits, k),
            Answer = answer,
            CitationSpanMatch = citationSpanMatch,
            FabricatedCitations = fabricated,
            Facts = facts,
            TimingsMs = chat.TimingsMs,
            StandaloneQuestion = chat.StandaloneQuestion,
            StandaloneAsExpected = question.Turn?.Accepts(question.Question, chat.StandaloneQuestion),
            FirstSpeaker = first?.Speaker,
            FirstByHost = speakers.FirstByHost,
            SpeakerFirst = speakers.First,
            SpeakerAny = speakers.Any,
            Failure = FailureOf(question, answer, spanRank, citationSpanMatch, fabricated),
        };
        return (item, chat.ConversationId);
    }

    private static string? FailureOf(GoldenQuestion question, Answer answer, int? spanRank, bool? citationSpanMatch, int fabricated)
    {
        if (fabricated > 0) return $"{fabricated} fabricated citation(s)";
        if (!question.IsAnswerable)
            return answer.Status == AnswerStatus.Answered ? "answered a question the archive cannot answer" : null;
        if (spanRank is null) return "the moment was not retrieved";
        if (answer.Status != AnswerStatus.Answered) return $"answered {Wire(answer.Status)} although the moment was retrieved (rank {spanRank})";
        return citationSpanMatch == true ? null : "the answer cites other moments than the golden span";
    }

    public static string Wire(AnswerStatus status) => status switch
    {
        AnswerStatus.Answered => "answered",
        AnswerStatus.NotInArchive => "not_in_archive",
        _ => "refused",
    };
}

public sealed record EvaluationProgress(int Done, int Total, string LastId);
