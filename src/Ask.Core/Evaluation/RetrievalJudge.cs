using Ask.Core.Retrieval;

namespace Ask.Core.Evaluation;

/// <summary>Decides whether retrieved passages (or cited moments) found a golden question's moment.</summary>
public static class RetrievalJudge
{
    /// <summary>How far outside the golden span a passage may lie and still count as the moment. 30 s.</summary>
    public const double SpanToleranceSec = 30;

    public static bool IsEpisodeHit(GoldenQuestion question, Passage passage) => IsEpisode(question, passage.EpisodeId);

    /// <summary>The right episode, and the passage overlaps the span widened by <see cref="SpanToleranceSec"/> each side.</summary>
    public static bool IsSpanHit(GoldenQuestion question, Passage passage) =>
        IsSpanHit(question, passage.EpisodeId, passage.StartSec, passage.EndSec);

    /// <summary>The same test for any moment of an episode, such as a citation.</summary>
    public static bool IsSpanHit(GoldenQuestion question, string episodeId, double startSec, double endSec)
    {
        if (!IsEpisode(question, episodeId) || question.StartSec is not { } start) return false;
        var end = question.EndSec ?? start;
        return startSec <= end + SpanToleranceSec && endSec >= start - SpanToleranceSec;
    }

    /// <summary>1-based rank of the first passage that satisfies <paramref name="hit"/>, or null.</summary>
    public static int? FirstRank(IReadOnlyList<Passage> passages, Func<Passage, bool> hit)
    {
        for (var i = 0; i < passages.Count; i++)
            if (hit(passages[i])) return i + 1;
        return null;
    }

    /// <summary>
    /// nDCG@k with binary relevance (a passage is relevant when it is a span hit). The ideal ranking puts
    /// the relevant passages that were retrieved first, so one hit at rank 1 scores 1 and no hit scores 0.
    /// </summary>
    public static double Ndcg(IReadOnlyList<bool> relevant, int k)
    {
        double dcg = 0;
        var hits = 0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            if (!relevant[i]) continue;
            dcg += 1 / Math.Log2(i + 2);
            hits++;
        }
        if (hits == 0) return 0;
        double ideal = 0;
        for (var i = 0; i < hits; i++) ideal += 1 / Math.Log2(i + 2);
        return dcg / ideal;
    }

    private static bool IsEpisode(GoldenQuestion question, string episodeId) =>
        question.EpisodeId is not null && string.Equals(episodeId, question.EpisodeId, StringComparison.Ordinal);
}
