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

    /// <summary>Set when the item counts as failed in the report: why, in a few words.</summary>
    public string? Failure { get; init; }
}

/// <summary>A retrieved passage as the report shows it.</summary>
public sealed record RetrievedMoment(string EpisodeId, string EpisodeTitle, double StartSec, double EndSec, double Score, bool SpanHit);
