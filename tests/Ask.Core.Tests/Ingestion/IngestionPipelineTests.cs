using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Ask.Testing.Indexing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Ingestion;

/// <summary>The ingest flow over an in-memory index: what is read, skipped, embedded and written.</summary>
public sealed class IngestionPipelineTests
{
    private readonly InMemoryEpisodeReader _reader = new();
    private readonly HashingEmbeddingGenerator _embedder = new();
    private readonly InMemoryChunkIndex _index = new();

    private IngestionPipeline Sut(HashingEmbeddingGenerator? embedder = null)
    {
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        return new IngestionPipeline(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), embedder ?? _embedder, _index,
            chunking, Options.Create(new IngestionOptions { EmbeddingBatchSize = 4 }), NullLogger<IngestionPipeline>.Instance);
    }

    private static readonly IngestRequest Request = new(["/episodes"]);

    [Fact]
    public async Task Ingest_NewEpisodes_IndexedAndSearchable()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.FeatureStores()));

        var report = await Sut().RunAsync(Request, null, default);

        Assert.Equal(["feature-stores", "lean-mlops"], report.New.Order());
        Assert.True(report.Chunks >= 2);
        Assert.Equal(report.Chunks, await _index.CountAsync(default));
        var hits = await _index.SearchLexicalAsync("kubeflow yaml", 1, SearchFilter.None, default);
        Assert.Equal("lean-mlops", hits[0].Chunk.EpisodeId);
    }

    [Fact]
    public async Task Ingest_Again_UnchangedEpisodesSkippedWithoutEmbedding()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await Sut().RunAsync(Request, null, default);
        var embedded = _embedder.TextsEmbedded;

        var report = await Sut().RunAsync(Request, null, default);

        Assert.Equal(["lean-mlops"], report.Unchanged);
        Assert.Empty(report.New);
        Assert.Equal(embedded, _embedder.TextsEmbedded);
    }

    [Fact]
    public async Task Ingest_EditedEpisode_ReplacedWhole()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await Sut().RunAsync(Request, null, default);
        var edited = SampleTranscripts.LeanMlops() with { Lines = SampleTranscripts.LeanMlops().Lines.Take(2).ToArray() };
        _reader.Results[0] = EpisodeReadResult.Read(edited);

        var report = await Sut().RunAsync(Request, null, default);

        Assert.Equal(["lean-mlops"], report.Changed);
        Assert.Equal(1, await _index.CountAsync(default));
        Assert.Empty(await _index.SearchLexicalAsync("kubeflow", 5, SearchFilter.None, default));
    }

    [Fact]
    public async Task Ingest_SameTranscriptUnderTwoNames_IndexedOnceAndReported()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops() with { Id = "zz-copy", Source = "/episodes/zz-copy.md" }));
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));

        var report = await Sut().RunAsync(Request, null, default);

        Assert.Equal(["lean-mlops"], report.New);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal(SkipReason.DuplicateTranscript, skipped.SkipReason);
        Assert.Contains("zz-copy", skipped.File);
        Assert.Contains("lean-mlops", skipped.Message);
    }

    [Fact]
    public async Task Ingest_UnreadableAndEmptyFiles_SkippedWithReasonsRestIndexed()
    {
        _reader.Results.Add(EpisodeReadResult.Skipped("/episodes/broken.md", SkipReason.Unreadable, "mapping values are not allowed here", line: 7));
        _reader.Results.Add(EpisodeReadResult.Read(new Episode("no-words", "Chapters only", []) { Source = "/episodes/no-words.md" }));
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.FeatureStores()));

        var report = await Sut().RunAsync(Request, null, default);

        Assert.Equal(["feature-stores"], report.New);
        Assert.Equal([SkipReason.Unreadable, SkipReason.NoTranscript], report.SkippedByReason.Select(g => g.Key));
        Assert.Contains(report.Skipped, p => p.ToString() == "/episodes/broken.md:7: mapping values are not allowed here");
    }

    [Fact]
    public async Task Ingest_Prune_RemovesEpisodesNoLongerInTheSources()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.FeatureStores()));
        await Sut().RunAsync(Request, null, default);
        _reader.Results.RemoveAt(1);

        var report = await Sut().RunAsync(Request with { Prune = true }, null, default);

        Assert.Equal(["feature-stores"], report.Removed);
        Assert.Equal(["lean-mlops"], (await _index.GetEpisodeFingerprintsAsync(default)).Keys);
    }

    [Fact]
    public async Task Ingest_OtherEmbeddingModel_RefusedBeforeEmbeddingAnything()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await Sut().RunAsync(Request, null, default);
        var larger = new HashingEmbeddingGenerator("larger-model", 96);

        var error = await Assert.ThrowsAsync<IndexSchemaMismatchException>(() => Sut(larger).RunAsync(Request, null, default));

        Assert.Contains("64", error.Message);
        Assert.Contains("96", error.Message);
        Assert.Equal(0, larger.TextsEmbedded);
    }

    [Fact]
    public async Task Ingest_Rebuild_WithOtherModel_ReplacesTheIndex()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await Sut().RunAsync(Request, null, default);

        var report = await Sut(new HashingEmbeddingGenerator("larger-model", 96)).RunAsync(Request with { Rebuild = true }, null, default);

        Assert.Equal(["lean-mlops"], report.New);
        Assert.Equal(new EmbeddingSpace("larger-model", 96), await _index.GetEmbeddingSpaceAsync(default));
    }

    [Fact]
    public async Task Ingest_ReportsProgressThroughEveryStage()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var seen = new List<IngestProgress>();

        await Sut().RunAsync(Request, new SynchronousProgress(seen.Add), default);

        Assert.Equal([IngestStage.Reading, IngestStage.Embedding, IngestStage.EmbeddingSentences, IngestStage.Writing, IngestStage.Done], seen.Select(p => p.Stage).Distinct());
        Assert.Equal(seen[^1].ChunksTotal, seen[^1].ChunksDone);
        var sentences = seen.Last(p => p.Stage == IngestStage.EmbeddingSentences);
        Assert.Equal(sentences.SentencesTotal, sentences.SentencesDone);
    }

    [Fact]
    public async Task Ingest_EmbedsEveryQuotableSentenceAndWordOnceThroughTheSentenceEmbedder()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var sentenceEmbedder = new HashingEmbeddingGenerator();
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        var sut = new IngestionPipeline(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), _embedder, _index,
            chunking, Options.Create(new IngestionOptions { EmbeddingBatchSize = 4 }), NullLogger<IngestionPipeline>.Instance, sentenceEmbedder);

        var report = await sut.RunAsync(Request, null, default);

        var expected = SampleTranscripts.LeanMlops().Lines.SelectMany(l => QuotableSentences.Of(l.Text)).Distinct().ToList();
        var words = SampleTranscripts.LeanMlops().Lines.SelectMany(l => VocabularyWords.Of(l.Text)).Distinct().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, report.Sentences);
        Assert.Equal(words.Count, report.Words);
        Assert.Equal(expected.Count + words.Count, sentenceEmbedder.TextsEmbedded);
        Assert.Equal(report.Chunks, _embedder.TextsEmbedded);
        var query = (await sentenceEmbedder.GenerateAsync([expected[0]]))[0].Vector;
        Assert.InRange(_index.Similarity(expected[0], query.Span)!.Value, 0.99, 1.01);
        Assert.DoesNotContain(SampleTranscripts.LeanMlops().Lines, l => l.Text.TrimEnd().EndsWith('?') && _index.Similarity(l.Text, query.Span) is not null);
        Assert.Contains("kubeflow", words);
        var kubeflow = (await sentenceEmbedder.GenerateAsync(["kubeflow"]))[0].Vector;
        Assert.InRange(_index.WordSimilarity("kubeflow", kubeflow.Span)!.Value, 0.99, 1.01);
    }

    [Fact]
    public async Task Ingest_SentenceVectorsSwitchedOff_EmbedsChunksOnlyAndFingerprintsDiffer()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        IngestionPipeline Pipeline(bool sentences) => new(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), _embedder, _index,
            chunking, Options.Create(new IngestionOptions { SentenceVectors = sentences }), NullLogger<IngestionPipeline>.Instance);

        var without = await Pipeline(false).RunAsync(Request, null, default);
        Assert.Equal(0, without.Sentences);
        Assert.Equal(without.Chunks, _embedder.TextsEmbedded);

        // An index built without sentence vectors gets them on the next ingest, its chunks unchanged.
        var with = await Pipeline(true).RunAsync(Request, null, default);
        Assert.Equal(["lean-mlops"], with.Changed);
        Assert.True(with.Sentences > 0);
    }

    [Fact]
    public async Task Ingest_BatchesSideBySide_EveryChunkKeepsItsOwnVector()
    {
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.FeatureStores()));
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        var chunker = new Chunker(chunking, new WordBasedTokenCounter(256));
        var sut = new IngestionPipeline(_reader, chunker, _embedder, _index, chunking,
            Options.Create(new IngestionOptions { EmbeddingBatchSize = 1, EmbeddingConcurrency = 3 }), NullLogger<IngestionPipeline>.Instance);

        await sut.RunAsync(Request, null, default);

        var chunks = chunker.Chunk(SampleTranscripts.LeanMlops()).Concat(chunker.Chunk(SampleTranscripts.FeatureStores())).ToList();
        Assert.True(chunks.Count >= 4);
        foreach (var chunk in chunks)
        {
            var own = (await _embedder.GenerateAsync([chunk.ContextualText]))[0].Vector;
            var top = await _index.SearchDenseAsync(own, 1, SearchFilter.None, default);
            Assert.Equal(chunk.ContextualText, top[0].Chunk.ContextualText);
        }
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
