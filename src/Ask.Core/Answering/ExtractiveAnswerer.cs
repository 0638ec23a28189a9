using System.Numerics.Tensors;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Answering;

/// <summary>
/// Answers without a language model: the sentences of the top sources most similar to the question
/// (by embedding), spread over episodes and moments, each quoted verbatim with its citation. Used when
/// no model is configured and as the fallback when a model fails.
/// </summary>
/// <remarks>
/// Sentence vectors come from <see cref="ISentenceVectors"/> when the index keeps them (computed at ingest);
/// only sentences it lacks are embedded here, which is what answering costs on stores that keep none.
/// </remarks>
public sealed class ExtractiveAnswerer(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<AnswerOptions> options,
    ISentenceVectors? sentenceVectors = null,
    IArchiveVocabulary? vocabulary = null,
    IWordVectors? wordVectors = null)
{
    private readonly UnknownWordCheck _unknownWords = new(embedder, vocabulary, wordVectors);

    /// <summary>A sentence of a source with where it sits.</summary>
    private sealed record Candidate(AnswerSource Source, int SourceRank, PassageLine Line, string Sentence, double Lexical, bool InQuestionTurn)
    {
        public double Similarity { get; set; }
    }

    // A sentence from a turn that asks something ("People say vendor lock-in a lot. What did it mean for
    // you?") restates the topic rather than answering it; it needs to be clearly better to be quoted.
    private const double QuestionTurnPenalty = 0.08;

    /// <param name="nearestSimilarity">
    /// How close the archive's nearest chunk comes to the question (<see cref="RetrievalResult.NearestSimilarity"/>);
    /// null skips <see cref="AnswerOptions.SupportThreshold"/>.
    /// </param>
    public async Task<ExtractiveResult> AnswerAsync(string question, ReadOnlyMemory<float> questionVector, IReadOnlyList<AnswerSource> sources,
        double? nearestSimilarity, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.RequireKeyTerms && KeyTerms.MissingFrom(question, sources).Count > 0) return new ExtractiveResult(NotInArchive(sources), 0);
        var candidates = Candidates(question, sources.Take(o.ExtractiveSources).ToList())
            .OrderByDescending(c => c.Lexical)
            .ThenBy(c => c.SourceRank)
            .Take(o.ExtractiveCandidates)
            .ToList();
        if (candidates.Count == 0) return new ExtractiveResult(NotInArchive(sources), 0);

        await ScoreAsync(candidates, questionVector, cancellationToken);
        var best = candidates.Max(c => c.Similarity);
        if (best < o.NotInArchiveThreshold) return new ExtractiveResult(NotInArchive(sources), best);
        // Without a dense ranking there is no nearest chunk, and the best sentence stands for both scales.
        var support = nearestSimilarity is { } nearest ? (best + nearest) / 2 : best;
        if (nearestSimilarity is not null && support < o.SupportThreshold) return new ExtractiveResult(NotInArchive(sources), best);
        if (o.UnknownWordMatch > 0 && support < o.UnknownWordSupport
            && (await _unknownWords.MatchAsync(question, sources, cancellationToken)).Any(m => m.Similarity < o.UnknownWordMatch))
            return new ExtractiveResult(NotInArchive(sources), best);

        var chosen = Choose(candidates, best, o);
        var text = string.Join("\n", chosen.Select((c, i) => $"{c.Line.Speaker ?? "Someone"}: “{c.Sentence}” [{i + 1}]"));
        var draft = new DraftAnswer(DraftStatus.Answered, text,
            chosen.Select((c, i) => new DraftCitation(i + 1, c.Source.Number, c.Sentence, Timestamp.Format(c.Line.StartSec))).ToArray());
        var validation = CitationValidator.Validate(draft, sources, AnswerMode.Extractive);
        // Quotes are copied from the sources, so validation cannot fail unless this class has a bug; it
        // still runs, so that no answer leaves unchecked.
        return validation.Answer is { } answer
            ? new ExtractiveResult(answer, best)
            : throw new InvalidOperationException("Extractive answer failed validation: " + string.Join("; ", validation.Errors));
    }

    private async Task ScoreAsync(List<Candidate> candidates, ReadOnlyMemory<float> questionVector, CancellationToken cancellationToken)
    {
        var unscored = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (sentenceVectors?.Similarity(candidate.Sentence, questionVector.Span) is { } stored) candidate.Similarity = stored;
            else unscored.Add(candidate);
        }
        if (unscored.Count > 0)
        {
            var vectors = await embedder.GenerateAsync(unscored.Select(c => c.Sentence), cancellationToken: cancellationToken);
            for (var i = 0; i < unscored.Count; i++)
                unscored[i].Similarity = TensorPrimitives.CosineSimilarity(questionVector.Span, vectors[i].Vector.Span);
        }
        foreach (var candidate in candidates)
            if (candidate.InQuestionTurn) candidate.Similarity -= QuestionTurnPenalty;
    }

    /// <summary>Most similar first; a sentence of an episode moment already quoted, or too far below the best, is skipped.</summary>
    private static List<Candidate> Choose(List<Candidate> candidates, double best, AnswerOptions o)
    {
        var chosen = new List<Candidate>();
        foreach (var c in candidates.OrderByDescending(c => c.Similarity - 0.05 * candidates.Count(x => x != c && x.Source.Passage.EpisodeId == c.Source.Passage.EpisodeId && x.Similarity > c.Similarity)))
        {
            if (chosen.Count >= o.ExtractiveQuotes) break;
            if (c.Similarity < best - o.QuoteMargin) continue;
            var sameMoment = chosen.Any(x => x.Source.Passage.EpisodeId == c.Source.Passage.EpisodeId && Math.Abs(x.Line.StartSec - c.Line.StartSec) < 90);
            if (!sameMoment) chosen.Add(c);
        }
        return chosen;
    }

    private static IEnumerable<Candidate> Candidates(string question, List<AnswerSource> sources)
    {
        var terms = Terms(LexicalQuery.From(question));
        for (var rank = 0; rank < sources.Count; rank++)
        {
            var source = sources[rank];
            var text = source.Passage.Text;
            foreach (var line in source.Passage.Lines)
            {
                var turn = text.Substring(line.Offset, line.Length);
                var asks = turn.Contains('?');
                foreach (var sentence in QuotableSentences.Of(turn))
                {
                    var overlap = Terms(sentence).Count(terms.Contains);
                    yield return new Candidate(source, rank, line, sentence, overlap / Math.Sqrt(1 + terms.Count), asks);
                }
            }
        }
    }

    /// <summary>Lower-cased word stems (first five letters): enough to match "deploying" with "deployment".</summary>
    private static HashSet<string> Terms(string text) =>
        QuoteLocator.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2)
            .Select(w => w.Length > 5 ? w[..5] : w)
            .ToHashSet(StringComparer.Ordinal);

    private static Answer NotInArchive(IReadOnlyList<AnswerSource> sources) =>
        new(AnswerStatus.NotInArchive, CitationValidator.NotInArchiveText, [], AnswerMode.Extractive) { SourcesUsed = sources.Count };
}

/// <param name="BestSimilarity">How close the best sentence came to the question; what the not-in-archive threshold is compared with.</param>
public sealed record ExtractiveResult(Answer Answer, double BestSimilarity);
