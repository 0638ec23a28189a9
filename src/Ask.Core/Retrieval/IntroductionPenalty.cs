using Ask.Core.Answering;
using Ask.Core.Chunking;

namespace Ask.Core.Retrieval;

/// <summary>
/// Moves the host's introduction of an episode down. An interview opens with the host naming the guest in
/// full and summing up every topic to come, so that chunk matches nearly any question about the episode
/// (the surname a listener adds is said nowhere else) while the guest's own words elsewhere answer it.
/// </summary>
public static class IntroductionPenalty
{
    /// <param name="penalty">How far an introduction chunk moves down per share of its text the host speaks, as a share of the best fused score.</param>
    /// <param name="introChunks">How many chunks from an episode's start can be its introduction.</param>
    /// <param name="hostShare">The share of a chunk's text the host must speak for it to count as the introduction.</param>
    public static IReadOnlyList<ScoredChunk> Apply(string question, IReadOnlyList<ScoredChunk> fused, double penalty, int introChunks, double hostShare)
    {
        if (fused.Count == 0 || penalty <= 0 || introChunks <= 0) return fused;
        // A question about the host or the episode itself is answered by the introduction too.
        if (QuestionFocus.Of(question).AboutHostOrEpisode) return fused;

        var guestsSpeak = EpisodesWhereGuestsSpeak(fused);
        var best = fused[0].Score;
        var changed = false;
        var rescored = fused.Select(c =>
        {
            if (c.Chunk.Ordinal >= introChunks || !guestsSpeak.Contains(c.Chunk.EpisodeId)) return c;
            var host = HostShare(c.Chunk);
            // A chunk where the guest already answers (the start of their background) is not the introduction.
            if (host <= hostShare) return c;
            changed = true;
            return c with { Score = c.Score - penalty * host * best };
        }).ToList();
        return changed ? rescored.OrderByDescending(c => c.Score).ThenBy(c => c.Chunk.Id, StringComparer.Ordinal).ToList() : fused;
    }

    /// <summary>
    /// Episodes among the candidates where a guest is seen speaking: only there does "none of the guests"
    /// mean the host. Guest ids that are not names (a feed's opaque ids) make nobody the host.
    /// </summary>
    private static HashSet<string> EpisodesWhereGuestsSpeak(IReadOnlyList<ScoredChunk> fused) =>
        fused.Where(c => c.Chunk.Speakers.Any(s => EpisodePeople.IsGuest(s, c.Chunk.Guests)))
            .Select(c => c.Chunk.EpisodeId)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The share of the chunk's text (in characters) spoken by someone who is none of the episode's guests.</summary>
    public static double HostShare(Chunk chunk)
    {
        var total = 0;
        var host = 0;
        foreach (var line in chunk.Lines)
        {
            total += line.Length;
            if (line.Speaker is not null && !EpisodePeople.IsGuest(line.Speaker, chunk.Guests)) host += line.Length;
        }
        return total == 0 ? 0 : (double)host / total;
    }
}
