using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

internal sealed partial class QdrantChunkIndex
{
    private const uint ReweightPage = 256;

    /// <summary>
    /// Rewrites the lexical vector of every chunk not in <paramref name="skip"/> for the archive's new average
    /// length. BM25 normalises each chunk by the average of all, so an ingest that changes it changes every
    /// chunk's weights; without this the episodes written earlier would rank by an average the archive no longer has.
    /// The text comes back from the payload, analysed as at ingest; the dense vectors are untouched.
    /// </summary>
    private async Task ReweightAsync(IReadOnlySet<string> skip, float averageTerms, CancellationToken cancellationToken)
    {
        var selector = new WithPayloadSelector { Exclude = new PayloadExcludeSelector { Fields = { Fields.Fingerprint } } };
        PointId? offset = null;
        var rewritten = 0;
        do
        {
            var page = await _calls.ReadAsync("Scroll chunks to reweight", token => _client.ScrollAsync(_collections.Alias, limit: ReweightPage, offset: offset,
                payloadSelector: selector, vectorsSelector: new WithVectorsSelector { Enable = false }, cancellationToken: token), cancellationToken);
            var updates = new List<PointVectors>();
            foreach (var point in page.Result)
            {
                var chunk = ChunkPayload.Read(point.Payload);
                if (skip.Contains(chunk.EpisodeId)) continue;
                if (LexicalVector(LexicalEncoder.Terms(chunk.ContextualText), averageTerms) is not { } lexical) continue;
                updates.Add(new PointVectors { Id = point.Id, Vectors = new Vectors { Vectors_ = new NamedVectors { Vectors = { [LexicalVectorName] = lexical } } } });
            }
            if (updates.Count > 0)
            {
                await _calls.WritePointsAsync($"Reweight {updates.Count} chunks", token =>
                    _client.UpdateVectorsAsync(_collections.Alias, updates, wait: true, cancellationToken: token), cancellationToken);
                rewritten += updates.Count;
            }
            offset = page.NextPageOffset;
        }
        while (offset is not null);
        Log.Reweighted(_logger, rewritten, averageTerms);
    }
}
