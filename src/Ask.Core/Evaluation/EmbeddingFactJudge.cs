using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Ask.Core.Chunking;
using Microsoft.Extensions.AI;

namespace Ask.Core.Evaluation;

/// <summary>
/// A fact counts as stated when some sentence of the answer is close to it in embedding space. Needs no
/// language model and gives the same verdicts on every run.
/// </summary>
public sealed partial class EmbeddingFactJudge(IEmbeddingGenerator<string, Embedding<float>> embedder, double threshold) : IFactJudge
{
    public string Method => "embedding";

    public async Task<IReadOnlyList<FactVerdict>> JudgeAsync(string question, string answer, IReadOnlyList<string> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0) return [];
        var sentences = Sentences(answer);
        if (sentences.Count == 0) return facts.Select(f => new FactVerdict(f, false, 0)).ToArray();

        var vectors = await embedder.GenerateAsync(facts.Concat(sentences), cancellationToken: cancellationToken);
        var verdicts = new FactVerdict[facts.Count];
        for (var f = 0; f < facts.Count; f++)
        {
            var best = 0.0;
            for (var s = 0; s < sentences.Count; s++)
                best = Math.Max(best, TensorPrimitives.CosineSimilarity(vectors[f].Vector.Span, vectors[facts.Count + s].Vector.Span));
            verdicts[f] = new FactVerdict(facts[f], best >= threshold, Math.Round(best, 4));
        }
        return verdicts;
    }

    /// <summary>The answer's sentences without citation markers or the speaker labels of extractive answers.</summary>
    private static List<string> Sentences(string answer) =>
        answer.Split('\n')
            .Select(line => Markers().Replace(SpeakerLabel().Replace(line, ""), "").Trim().Trim('“', '”', '"'))
            .SelectMany(SentenceSplitter.Split)
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Markers();

    [GeneratedRegex(@"^[^:“""]{1,60}:\s*(?=“)")]
    private static partial Regex SpeakerLabel();
}
