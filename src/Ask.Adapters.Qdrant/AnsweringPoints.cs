using System.Globalization;
using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// The points of the answering collection. A chunk's quotable sentences live on one point with the chunk's own id
/// (a search hit names it), each word on a point of its own (kept across ingests, as the embedded store keeps
/// them), each episode's analysed terms and lengths on one point, and the archive's state on one point.
/// </summary>
internal static class AnsweringPoints
{
    public static readonly Guid StateId = ChunkPointId.UuidV5(ChunkPointId.Namespace, "answering:state");

    public static Guid EpisodeId(string episodeId) => ChunkPointId.UuidV5(ChunkPointId.Namespace, "answering:episode:" + episodeId);

    public static Guid WordId(string word) => ChunkPointId.UuidV5(ChunkPointId.Namespace, "answering:word:" + word);

    /// <summary>Sentence points (one per chunk with quotable sentences) and the episode point, labelled for batching errors.</summary>
    public static List<(string Label, PointStruct Point)> ForEpisode(IndexedEpisode episode, IReadOnlyList<IReadOnlyList<string>> chunkTerms)
    {
        var points = new List<(string, PointStruct)>();
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var sentence in episode.Sentences) vectors.TryAdd(sentence.Text, sentence.Vector);
        foreach (var embedded in episode.Chunks)
        {
            var chunk = embedded.Chunk;
            var keys = new List<string>();
            var encoded = new List<string>();
            foreach (var sentence in QuotableSentences.Of(chunk))
            {
                if (!vectors.TryGetValue(sentence, out var vector)) continue;
                keys.Add(QuotableSentences.Key(sentence).ToString("x16", CultureInfo.InvariantCulture));
                encoded.Add(Int8Vector.ToBase64(vector.Span));
            }
            if (keys.Count == 0) continue;
            var point = Point(ChunkPointId.For(chunk.EpisodeId, chunk.Ordinal), Kinds.Sentences);
            point.Payload[Fields.EpisodeId] = chunk.EpisodeId;
            point.Payload[AnsweringFields.Keys] = keys.ToArray();
            point.Payload[AnsweringFields.Vectors] = encoded.ToArray();
            points.Add(($"sentences of chunk {chunk.Id}", point));
        }

        var terms = chunkTerms.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var episodePoint = Point(EpisodeId(episode.EpisodeId), Kinds.Episode);
        episodePoint.Payload[Fields.EpisodeId] = episode.EpisodeId;
        episodePoint.Payload[AnsweringFields.Terms] = terms;
        episodePoint.Payload[AnsweringFields.ChunkCount] = (long)chunkTerms.Count;
        episodePoint.Payload[AnsweringFields.TermCount] = (long)chunkTerms.Sum(t => t.Count);
        var indices = terms.Select(LexicalEncoder.TermIndex).Distinct().Order().ToArray();
        if (indices.Length > 0)
        {
            var sparse = new SparseVector();
            sparse.Indices.AddRange(indices);
            sparse.Values.AddRange(Enumerable.Repeat(1f, indices.Length));
            episodePoint.Vectors.Vectors_.Vectors[TermsVectorName] = new Vector { Sparse = sparse };
        }
        points.Add(($"terms of episode {episode.EpisodeId}", episodePoint));
        return points;
    }

    public static IEnumerable<(string Label, PointStruct Point)> ForWords(IEnumerable<EmbeddedWord> words)
    {
        foreach (var word in words)
        {
            var point = Point(WordId(word.Text), Kinds.Word);
            point.Payload[AnsweringFields.Word] = word.Text;
            point.Payload[AnsweringFields.Vectors] = Int8Vector.ToBase64(word.Vector.Span);
            yield return ($"word {word.Text}", point);
        }
    }

    public static PointStruct State(float averageTerms, string generation)
    {
        var point = Point(StateId, Kinds.State);
        point.Payload[AnsweringFields.AverageTerms] = averageTerms;
        point.Payload[AnsweringFields.Generation] = generation;
        return point;
    }

    private static PointStruct Point(Guid id, string kind)
    {
        var point = new PointStruct
        {
            Id = new PointId { Uuid = id.ToString() },
            // Only an episode point carries a vector; the others are payload, which named-vector collections allow.
            Vectors = new Vectors { Vectors_ = new NamedVectors() },
        };
        point.Payload[AnsweringFields.Kind] = kind;
        return point;
    }
}
