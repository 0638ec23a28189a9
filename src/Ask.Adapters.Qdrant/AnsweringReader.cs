using System.Globalization;
using Ask.Core.Answering;
using Google.Protobuf.Collections;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>Reads the answering collection through its alias; a missing collection reads as empty.</summary>
internal sealed class AnsweringReader(QdrantClient client, QdrantCalls calls, QdrantCollections collections)
{
    private const uint PageSize = 500;

    /// <summary>The state point's average length and generation, or null when nothing was ingested yet.</summary>
    public async Task<(float AverageTerms, string Generation)?> ReadStateAsync(CancellationToken cancellationToken)
    {
        var points = await calls.ReadOrDefaultAsync("Retrieve answering state",
            token => client.RetrieveAsync(collections.AnsweringAlias, [new PointId { Uuid = AnsweringPoints.StateId.ToString() }],
                withPayload: true, withVectors: false, cancellationToken: token),
            (IReadOnlyList<RetrievedPoint>)[], cancellationToken);
        if (points.Count == 0) return null;
        var payload = points[0].Payload;
        var average = ChunkPayload.Double(payload, AnsweringFields.AverageTerms);
        var generation = ChunkPayload.String(payload, AnsweringFields.Generation);
        return average is { } a && generation is not null ? ((float)a, generation) : null;
    }

    /// <summary>Every indexed episode's chunk and term counts.</summary>
    public async Task<Dictionary<string, LexicalStatistics>> ReadEpisodeStatisticsAsync(CancellationToken cancellationToken)
    {
        var statistics = new Dictionary<string, LexicalStatistics>(StringComparer.Ordinal);
        await ScrollAsync(Kinds.Episode, [Fields.EpisodeId, AnsweringFields.ChunkCount, AnsweringFields.TermCount], payload =>
        {
            if (ChunkPayload.String(payload, Fields.EpisodeId) is { } id)
                statistics[id] = new LexicalStatistics(ChunkPayload.Integer(payload, AnsweringFields.ChunkCount) ?? 0, ChunkPayload.Integer(payload, AnsweringFields.TermCount) ?? 0);
        }, cancellationToken);
        return statistics;
    }

    /// <summary>Every analysed term some indexed chunk contains.</summary>
    public async Task<HashSet<string>> ReadVocabularyAsync(CancellationToken cancellationToken)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        await ScrollAsync(Kinds.Episode, [AnsweringFields.Terms], payload => terms.UnionWith(ChunkPayload.Strings(payload, AnsweringFields.Terms)), cancellationToken);
        return terms;
    }

    public async Task<Dictionary<string, sbyte[]>> ReadWordsAsync(int dimensions, CancellationToken cancellationToken)
    {
        var words = new Dictionary<string, sbyte[]>(StringComparer.Ordinal);
        await ScrollAsync(Kinds.Word, [AnsweringFields.Word, AnsweringFields.Vectors], payload =>
        {
            if (ChunkPayload.String(payload, AnsweringFields.Word) is { } word
                && ChunkPayload.String(payload, AnsweringFields.Vectors) is { } encoded
                && Int8Vector.FromBase64(encoded, dimensions) is { } vector)
                words[word] = vector;
        }, cancellationToken);
        return words;
    }

    /// <summary>The sentence vectors of the chunks <paramref name="ids"/> (chunks without quotable sentences have no point).</summary>
    public async Task<List<(ulong Key, sbyte[] Vector)>> ReadSentencesAsync(IReadOnlyList<Guid> ids, int dimensions, CancellationToken cancellationToken)
    {
        var points = await calls.ReadOrDefaultAsync("Retrieve sentence vectors",
            token => client.RetrieveAsync(collections.AnsweringAlias, ids.Select(id => new PointId { Uuid = id.ToString() }).ToList(),
                withPayload: true, withVectors: false, cancellationToken: token),
            (IReadOnlyList<RetrievedPoint>)[], cancellationToken);
        var sentences = new List<(ulong, sbyte[])>();
        foreach (var point in points)
        {
            var keys = ChunkPayload.Strings(point.Payload, AnsweringFields.Keys);
            var vectors = ChunkPayload.Strings(point.Payload, AnsweringFields.Vectors);
            for (var i = 0; i < Math.Min(keys.Length, vectors.Length); i++)
            {
                if (ulong.TryParse(keys[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
                    && Int8Vector.FromBase64(vectors[i], dimensions) is { } vector)
                    sentences.Add((key, vector));
            }
        }
        return sentences;
    }

    private async Task ScrollAsync(string kind, string[] fields, Action<MapField<string, Value>> visit, CancellationToken cancellationToken)
    {
        var filter = new Filter { Must = { new Condition { Field = new FieldCondition { Key = AnsweringFields.Kind, Match = new Match { Keyword = kind } } } } };
        var selector = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { fields } } };
        PointId? offset = null;
        do
        {
            var page = await calls.ReadOrDefaultAsync($"Scroll {kind} points",
                async token => (ScrollResponse?)await client.ScrollAsync(collections.AnsweringAlias, filter, limit: PageSize, offset: offset,
                    payloadSelector: selector, vectorsSelector: new WithVectorsSelector { Enable = false }, cancellationToken: token),
                null, cancellationToken);
            if (page is null) break;
            foreach (var point in page.Result) visit(point.Payload);
            offset = page.NextPageOffset;
        }
        while (offset is not null);
    }
}
