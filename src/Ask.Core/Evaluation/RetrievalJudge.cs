using Ask.Core.Retrieval;

namespace Ask.Core.Evaluation;

/// <summary>Decides whether retrieved passages found a golden question's moment.</summary>
public static class RetrievalJudge
{
    /// <summary>How far outside the golden span a passage may lie and still count as the moment. 30 s.</summary>
    public const double SpanToleranceSec = 30;

    public static bool IsEpisodeHit(GoldenQuestion question, Passage passage) =>
        question.EpisodeId is not null && string.Equals(passage.EpisodeId, question.EpisodeId, StringComparison.Ordinal);

    /// <summary>The right episode, and the passage overlaps the span widened by <see cref="SpanToleranceSec"/> each side.</summary>
    public static bool IsSpanHit(GoldenQuestion question, Passage passage)
    {
        if (!IsEpisodeHit(question, passage) || question.StartSec is not { } start) return false;
        var end = question.EndSec ?? start;
        return passage.StartSec <= end + SpanToleranceSec && passage.EndSec >= start - SpanToleranceSec;
    }

    /// <summary>1-based rank of the first passage that satisfies <paramref name="hit"/>, or null.</summary>
    public static int? FirstRank(IReadOnlyList<Passage> passages, Func<Passage, bool> hit)
    {
        for (var i = 0; i < passages.Count; i++)
            if (hit(passages[i])) return i + 1;
        return null;
    }
}
