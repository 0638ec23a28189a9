using Ask.Core.Answering;

namespace Ask.Core.Evaluation;

/// <summary>Whose words an answer quotes: the person the question is about, or the episode's host.</summary>
public static class SpeakerJudge
{
    public sealed record Verdict(bool? FirstByHost, bool? First, bool? Any);

    public static Verdict Of(GoldenQuestion question, Answer answer, IReadOnlyList<AnswerSource> sources)
    {
        if (answer.Status != AnswerStatus.Answered || answer.Citations.Count == 0) return new Verdict(null, null, null);
        var first = answer.Citations[0];
        var passage = sources.FirstOrDefault(s => s.Passage.EpisodeId == first.EpisodeId)?.Passage;
        bool? byHost = first.Speaker is null || passage is null || !EpisodePeople.RolesKnown(passage) ? null : EpisodePeople.IsHost(first.Speaker, passage);
        if (question.Speaker is not { } speaker) return new Verdict(byHost, null, null);
        return new Verdict(byHost, Same(first.Speaker, speaker), answer.Citations.Any(c => Same(c.Speaker, speaker)));
    }

    private static bool Same(string? a, string b) => a is not null && EpisodePeople.Letters(a) == EpisodePeople.Letters(b);
}
