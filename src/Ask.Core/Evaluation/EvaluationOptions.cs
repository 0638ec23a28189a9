namespace Ask.Core.Evaluation;

public sealed class EvaluationOptions
{
    public const string Section = "Evaluation";

    /// <summary>
    /// How far a fraction metric may fall below the baseline before the gate fails. Default 0.02 (two
    /// points): extractive runs repeat exactly, so this only absorbs deliberate trade-offs and judge noise.
    /// </summary>
    public double Tolerance { get; set; } = 0.02;

    /// <summary>
    /// Per-metric tolerances that override <see cref="Tolerance"/>, e.g. <c>Evaluation__Tolerances__span_hit@5=0.05</c>.
    /// Counts default to 0; latencies are not gated unless a tolerance (in ms) is set here.
    /// </summary>
    public Dictionary<string, double> Tolerances { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Cosine similarity at which an answer sentence states a fact, for the embedding judge. Default 0.50,
    /// chosen on the golden set: 35% of facts clear it in answers citing the golden span, 10% in answers citing elsewhere (README).
    /// </summary>
    public double FactMatchThreshold { get; set; } = 0.50;

    /// <summary>Who decides which facts an answer states. Default <see cref="FactJudgeKind.Auto"/>.</summary>
    public FactJudgeKind Judge { get; set; } = FactJudgeKind.Auto;

    /// <summary>Votes the language-model judge casts per answer; the majority decides. Default 3.</summary>
    public int JudgeVotes { get; set; } = 3;

    /// <summary>The gate fails when more than this share of judged facts got no usable verdict. Default 0.10.</summary>
    public double MaxUnscorableShare { get; set; } = 0.10;
}

public enum FactJudgeKind
{
    /// <summary>The language model when one is configured, embeddings otherwise.</summary>
    Auto,
    /// <summary>Embedding similarity, even with a language model configured (repeatable, free).</summary>
    Embedding,
}
