using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Retrieval;

/// <summary>
/// Finds the moments that answer a question: a dense and a lexical ranking over the chunk index,
/// fused, then neighbouring chunks merged into passages.
/// </summary>
public sealed class Retriever(
    IChunkIndex index,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<RetrievalOptions> options)
{
    public async Task<RetrievalResult> SearchAsync(string question, int? limit, SearchFilter? filter, CancellationToken cancellationToken, RetrievalMode? mode = null)
    {
        if (string.IsNullOrWhiteSpace(question)) throw new ArgumentException("The question is empty.", nameof(question));
        var o = options.Value;
        var k = limit ?? o.DefaultLimit;
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(limit), "The number of passages must be at least 1.");
        filter ??= SearchFilter.None;
        mode ??= o.Mode;
        var candidates = Math.Max(o.Candidates, k * 3);
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();

        IReadOnlyList<ScoredChunk> dense = [];
        IReadOnlyList<ScoredChunk> lexical = [];
        ReadOnlyMemory<float>? vector = null;
        if (mode != RetrievalMode.Lexical)
        {
            vector = await embedder.GenerateVectorAsync(question, QueryEmbedding.Options, cancellationToken);
            timings["embed_ms"] = StageTimer.Lap(clock);
            dense = await index.SearchDenseAsync(vector.Value, candidates, filter, cancellationToken);
            timings["dense_ms"] = StageTimer.Lap(clock);
        }
        if (mode != RetrievalMode.Dense)
        {
            lexical = await index.SearchLexicalAsync(o.StripQuestionWords ? LexicalQuery.From(question) : question, candidates, filter, cancellationToken);
            timings["lexical_ms"] = StageTimer.Lap(clock);
        }

        var fused = mode switch
        {
            RetrievalMode.Dense => dense,
            RetrievalMode.Lexical => lexical,
            _ when o.Fusion == FusionMethod.Scores => RankFusion.FuseScores([(dense, o.DenseWeight), (lexical, o.LexicalWeight)]),
            _ => RankFusion.Fuse([(dense, o.DenseWeight), (lexical, o.LexicalWeight)], o.RrfK),
        };
        if (o.NamedGuestBoost > 0) fused = BoostNamedGuests(question, fused, o.NamedGuestBoost);
        fused = IntroductionPenalty.Apply(question, fused, o.IntroductionPenalty, o.IntroductionChunks, o.IntroductionHostShare);
        var passages = PassageMerger.Merge(fused, k, o.MergeNeighbours);
        timings["fuse_ms"] = StageTimer.Lap(clock);
        return new RetrievalResult(passages, timings) { QueryVector = vector, NearestSimilarity = dense.Count > 0 ? dense.Max(c => c.Score) : null };
    }

    /// <summary>
    /// A question that names a guest ("What does Nemanja Radojkovic think about …") is about that guest's
    /// episode: its chunks move up by <paramref name="boost"/> times the best fused score. Transcripts say
    /// the guest's first name at most, so the surname a listener adds matches nothing else in the index.
    /// </summary>
    private static IReadOnlyList<ScoredChunk> BoostNamedGuests(string question, IReadOnlyList<ScoredChunk> fused, double boost)
    {
        var names = Answering.QuestionFocus.Of(question).Names;
        if (names.Count == 0 || fused.Count == 0) return fused;
        var bonus = boost * fused[0].Score;
        var boosted = false;
        var rescored = fused.Select(c =>
        {
            if (!c.Chunk.Guests.Any(g => names.Any(n => Answering.EpisodePeople.NameOfGuest(n, g)))) return c;
            boosted = true;
            return c with { Score = c.Score + bonus };
        }).ToList();
        return boosted ? rescored.OrderByDescending(c => c.Score).ThenBy(c => c.Chunk.Id, StringComparer.Ordinal).ToList() : fused;
    }
}

public sealed record RetrievalResult(IReadOnlyList<Passage> Passages, IReadOnlyDictionary<string, double> TimingsMs)
{
    /// <summary>The question's embedding, when the dense ranking ran; reused by the extractive answerer.</summary>
    public ReadOnlyMemory<float>? QueryVector { get; init; }

    /// <summary>
    /// Cosine similarity of the question to the closest chunk the dense ranking found (within the filter);
    /// null when no dense ranking ran. How near the archive comes to the question at all.
    /// </summary>
    public double? NearestSimilarity { get; init; }
}
