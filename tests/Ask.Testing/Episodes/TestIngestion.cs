using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Testing.Episodes;

/// <summary>Runs the real ingestion pipeline over episodes a test wrote, into the index under test.</summary>
public static class TestIngestion
{
    public static Task<IngestReport> IngestAsync(IChunkIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder,
        ITokenCounter tokens, ChunkingOptions chunking, params Episode[] episodes) =>
        IngestAsync(index, embedder, tokens, chunking, new IngestRequest(["/test"]), episodes);

    /// <summary>The same with the request's own settings (prune, rebuild, placeholders); its sources are not read.</summary>
    public static Task<IngestReport> IngestAsync(IChunkIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder,
        ITokenCounter tokens, ChunkingOptions chunking, IngestRequest request, params Episode[] episodes)
    {
        var reader = new InMemoryEpisodeReader();
        reader.Results.AddRange(episodes.Select(e => EpisodeReadResult.Read(e)));
        var options = Options.Create(chunking);
        var pipeline = new IngestionPipeline(reader, new Chunker(options, tokens), embedder, index, options,
            Options.Create(new IngestionOptions()), NullLogger<IngestionPipeline>.Instance);
        return pipeline.RunAsync(request, null, CancellationToken.None);
    }
}
