using Ask.Core.Answering;

namespace Ask.Core.Evaluation;

/// <summary>What happened to one golden question: what was retrieved, what was answered, and how it scored.</summary>
public sealed record EvaluationItem
{
    public required GoldenQuestion Question { get; init; }

    /// <summary>The top passages, best first, as the retriever ranked them for the question.</summary>
    public required IReadOnlyList<RetrievedMoment> Retrieved { get; init; }

    /// <summary>1-based rank of the first passage from the right episode; null when none was retrieved.</summary>
    public int? EpisodeRank { get; init; }

    /// <summary>1-based rank of the first passage overlapping the golden span (±30 s); null when none.</summary>
    public int? SpanRank { get; init; }

    /// <summary>nDCG over the retrieved list, span hits relevant.</summary>
    public double Ndcg { get; init; }

    public required Answer Answer { get; init; }

    /// <summary>Whether a citation lies on the golden span; null for questions the archive cannot answer.</summary>
    public bool? CitationSpanMatch { get; init; }

    /// <summary>Citations that do not hold up against the retrieved sources (must be 0).</summary>
    public int FabricatedCitations { get; init; }

    public IReadOnlyList<FactVerdict> Facts { get; init; } = [];

    /// <summary>Milliseconds per stage of the answer pipeline, plus <c>total_ms</c>.</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    /// <summary>The question as retrieval saw it: the rewrite of a follow-up, else the question.</summary>
    public string StandaloneQuestion { get; init; } = "";

    /// <summary>For a conversation turn: whether it was kept or rewritten as the golden turn expects; null otherwise.</summary>
    public bool? StandaloneAsExpected { get; init; }

    /// <summary>Who said the first cited words.</summary>
    public string? FirstSpeaker { get; init; }

    /// <summary>Whether the first citation quotes the episode's host (the speaker who is none of its guests); null when unanswered or unknown.</summary>
    public bool? FirstByHost { get; init; }

    /// <summary>For an answered question about one person (<see cref="GoldenQuestion.Speaker"/>): whether the first citation quotes that person.</summary>
    public bool? SpeakerFirst { get; init; }

    /// <summary>… whether any citation does.</summary>
    public bool? SpeakerAny { get; init; }

    /// <summary>Set when the item counts as failed in the report: why, in a few words.</summary>
    public string? Failure { get; init; }
}

/// <summary>A retrieved passage as the report shows it.</summary>
public sealed record RetrievedMoment(string EpisodeId, string EpisodeTitle, double StartSec, double EndSec, double Score, bool SpanHit);
