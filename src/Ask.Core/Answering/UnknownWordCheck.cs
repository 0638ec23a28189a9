using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace Ask.Core.Answering;

/// <summary>
/// Finds a topic word of the question that no transcript of the archive contains and that nothing in the
/// retrieved sources means either. "wildfire", "catboost", "crocheting": the archive does not cover the
/// question, however close its other words come. A listener's own word for something the speakers
/// said differently ("railway" for railroad, "unmanned aircraft" for drones) has a near word in the
/// sources and passes.
/// </summary>
/// <remarks>
/// Near means the cosine of the two single words' embeddings. The sources' word vectors come from
/// <see cref="IWordVectors"/> when the index keeps them (computed at ingest); only the unknown words, and
/// any source word the store lacks, are embedded here.
/// </remarks>
public sealed partial class UnknownWordCheck(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IArchiveVocabulary? vocabulary,
    IWordVectors? wordVectors = null)
{
    /// <summary>Topic words of <paramref name="question"/> that no transcript contains (none when the store cannot tell).</summary>
    public IReadOnlyList<string> UnknownWords(string question) => vocabulary?.UnknownWords(LexicalQuery.From(question)) ?? [];

    /// <summary>
    /// Every unknown word of <paramref name="question"/> with the word of <paramref name="sources"/> closest to it
    /// in meaning; empty when the question has no unknown word.
    /// </summary>
    public async Task<IReadOnlyList<UnknownWordMatch>> MatchAsync(string question, IReadOnlyList<AnswerSource> sources, CancellationToken cancellationToken)
    {
        // A guest's surname is in no transcript (they say first names) and means nothing to an encoder, yet it
        // names the episode's person exactly: it is not a topic the archive lacks.
        var unknown = UnknownWords(question).Select(w => Possessive().Replace(w.ToLowerInvariant(), "")).Where(w => w.Length > 0)
            .Where(w => !sources.Any(s => EpisodePeople.Names(w, s.Passage)))
            .Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return [];
        var words = sources.SelectMany(s => VocabularyWords.Of(s.Passage.Text)).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return unknown.Select(u => new UnknownWordMatch(u, null, 0)).ToArray();

        var unknownVectors = await embedder.GenerateAsync(unknown, cancellationToken: cancellationToken);
        // Similarities from the stored word vectors; a word the store lacks (an index built before word
        // vectors, or Qdrant) is null for every unknown word, and is embedded here instead.
        var similarities = unknown.Select((_, u) => words.Select(w => wordVectors?.WordSimilarity(w, unknownVectors[u].Vector.Span)).ToArray()).ToArray();
        var missing = Enumerable.Range(0, words.Count).Where(i => similarities[0][i] is null).ToList();
        if (missing.Count > 0)
        {
            var vectors = await embedder.GenerateAsync(missing.Select(i => words[i]), cancellationToken: cancellationToken);
            for (var u = 0; u < unknown.Count; u++)
                for (var m = 0; m < missing.Count; m++)
                    similarities[u][missing[m]] = TensorPrimitives.CosineSimilarity(unknownVectors[u].Vector.Span, vectors[m].Vector.Span);
        }

        var matches = new List<UnknownWordMatch>(unknown.Count);
        for (var u = 0; u < unknown.Count; u++)
        {
            var nearest = 0;
            for (var w = 1; w < words.Count; w++)
                if (similarities[u][w] > similarities[u][nearest]) nearest = w;
            matches.Add(new UnknownWordMatch(unknown[u], words[nearest], similarities[u][nearest]!.Value));
        }
        return matches;
    }

    [GeneratedRegex(@"['’]s$")]
    private static partial Regex Possessive();
}

/// <param name="Word">The question's word no transcript contains.</param>
/// <param name="Closest">The word of the sources nearest to it in meaning; null when the sources had none.</param>
/// <param name="Similarity">How near: the cosine of the two words' embeddings.</param>
public sealed record UnknownWordMatch(string Word, string? Closest, double Similarity);
