using Ask.Core.Answering;

namespace Ask.Core.Evaluation;

/// <summary>
/// Re-checks returned citations against the sources retrieved for the question, independently of the
/// validator that let them through: a citation whose quote or moment is not in a source is fabricated.
/// </summary>
public static class CitationAudit
{
    public static int CountFabricated(Answer answer, IReadOnlyList<AnswerSource> sources) =>
        answer.Citations.Count(c => !sources.Any(s => Supports(s, c)));

    private static bool Supports(AnswerSource source, Citation citation)
    {
        var passage = source.Passage;
        return string.Equals(passage.EpisodeId, citation.EpisodeId, StringComparison.Ordinal)
            && citation.StartSec >= passage.StartSec && citation.StartSec <= passage.EndSec
            && QuoteLocator.Find(passage.Text, citation.Quote) is not null;
    }
}
