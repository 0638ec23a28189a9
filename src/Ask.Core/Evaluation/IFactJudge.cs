namespace Ask.Core.Evaluation;

/// <summary>Decides which of a golden question's facts an answer states.</summary>
public interface IFactJudge
{
    /// <summary>How verdicts are reached, as the report names it: <c>embedding</c> or <c>llm</c>.</summary>
    string Method { get; }

    /// <summary>One verdict per fact, in the order given.</summary>
    Task<IReadOnlyList<FactVerdict>> JudgeAsync(string question, string answer, IReadOnlyList<string> facts, CancellationToken cancellationToken);
}

/// <param name="Supported">Null when the judge gave no usable verdict: the fact is unscorable, never a guess.</param>
/// <param name="Score">The similarity or the share of judge votes behind the verdict.</param>
public sealed record FactVerdict(string Fact, bool? Supported, double? Score, string? Note = null);
