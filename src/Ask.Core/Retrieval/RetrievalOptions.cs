namespace Ask.Core.Retrieval;

public enum RetrievalMode { Hybrid, Dense, Lexical }

/// <summary>How the hybrid mode combines its two rankings.</summary>
public enum FusionMethod
{
    /// <summary>Weighted reciprocal rank fusion (<see cref="RankFusion.Fuse"/>).</summary>
    Rrf,
    /// <summary>Weighted sum of min-max normalised scores (<see cref="RankFusion.FuseScores"/>).</summary>
    Scores,
}

public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>Which rankings are used. Default <see cref="RetrievalMode.Hybrid"/>; the others exist to measure against.</summary>
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>How the two rankings are combined. Default <see cref="FusionMethod.Scores"/> (measured: see the README).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Scores;

    /// <summary>Candidates taken from each ranking before fusion. Default 50.</summary>
    public int Candidates { get; set; } = 50;

    /// <summary>Weight of the dense ranking in reciprocal rank fusion. Default 1.0.</summary>
    public double DenseWeight { get; set; } = 1.0;

    /// <summary>Weight of the lexical (BM25) ranking in reciprocal rank fusion. Default 1.0.</summary>
    public double LexicalWeight { get; set; } = 1.0;

    /// <summary>The k of reciprocal rank fusion, 1/(k + rank): larger flattens the head of each list. Default 60.</summary>
    public double RrfK { get; set; } = 60;

    /// <summary>Merge adjacent chunks of one episode into one passage instead of returning near-duplicates. Default true.</summary>
    public bool MergeNeighbours { get; set; } = true;

    /// <summary>Drop the words that only frame a question before the lexical ranking (<see cref="LexicalQuery"/>). Default true.</summary>
    public bool StripQuestionWords { get; set; } = true;

    /// <summary>
    /// How far chunks of an episode whose guest the question names move up, as a share of the best fused
    /// score (<see cref="Answering.EpisodePeople"/> matches first names, surnames and full names against
    /// guest ids). 0 turns it off. Default 0.3.
    /// </summary>
    public double NamedGuestBoost { get; set; } = 0.3;

    /// <summary>
    /// How far the host's introduction of an episode moves down, per share of its text the host speaks, as a
    /// share of the best fused score (<see cref="IntroductionPenalty"/>); not applied when the question is
    /// about the host or the episode. 0 turns it off. Default 0.4 (measured: see docs/retrieval.md).
    /// </summary>
    public double IntroductionPenalty { get; set; } = 0.4;

    /// <summary>How many chunks from an episode's start can be the host's introduction. Default 3.</summary>
    public int IntroductionChunks { get; set; } = 3;

    /// <summary>
    /// The share of a chunk's text the host must speak for the chunk to count as the introduction; below it
    /// the guest is already answering. Default 0.5.
    /// </summary>
    public double IntroductionHostShare { get; set; } = 0.5;

    /// <summary>Passages returned when the caller does not say. Default 5.</summary>
    public int DefaultLimit { get; set; } = 5;
}
