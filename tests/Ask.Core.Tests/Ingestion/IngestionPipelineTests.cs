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

    [Fact]
    public async Task Ingest_EditedEpisode_EmbedsOnlyTheSentencesAndWordsTheIndexHasNotSeen()
    {
        var sentenceEmbedder = new HashingEmbeddingGenerator();
        var (sut, chunker) = WithSentenceEmbedder(sentenceEmbedder);
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await sut.RunAsync(Request, null, default);
        var before = TextsOf(chunker, SampleTranscripts.LeanMlops());
        var kept = before.Sentences[^1];
        var keptVector = await StoredVectorAsync(kept);
        var edited = Edited(SampleTranscripts.LeanMlops(), "Zanzibar quokkas never deploy on Fridays.");
        _reader.Results[0] = EpisodeReadResult.Read(edited);
        var embeddedBefore = sentenceEmbedder.TextsEmbedded;

        var report = await sut.RunAsync(Request, null, default);

        var after = TextsOf(chunker, edited);
        var newSentences = after.Sentences.Except(before.Sentences).ToList();
        var newWords = after.Words.Except(before.Words).ToList();
        Assert.Contains("Zanzibar quokkas never deploy on Fridays.", newSentences);
        Assert.Contains("quokkas", newWords);
        Assert.Equal(["lean-mlops"], report.Changed);
        Assert.Equal((after.Sentences.Count, after.Sentences.Count - newSentences.Count), (report.Sentences, report.SentencesReused));
        Assert.Equal((after.Words.Count, after.Words.Count - newWords.Count), (report.Words, report.WordsReused));
        Assert.Equal(newSentences.Union(newWords).Count(), sentenceEmbedder.TextsEmbedded - embeddedBefore);
        Assert.Equal(keptVector, await StoredVectorAsync(kept));
        var fresh = (await sentenceEmbedder.GenerateAsync(["Zanzibar quokkas never deploy on Fridays."]))[0].Vector;
        Assert.InRange(_index.Similarity("Zanzibar quokkas never deploy on Fridays.", fresh.Span)!.Value, 0.99, 1.01);
    }

    [Fact]
    public async Task Ingest_NewEpisode_TakesTextsAnotherEpisodeAlreadyHasFromTheIndex()
    {
        var sentenceEmbedder = new HashingEmbeddingGenerator();
        var (sut, chunker) = WithSentenceEmbedder(sentenceEmbedder);
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await sut.RunAsync(Request, null, default);
        var known = TextsOf(chunker, SampleTranscripts.LeanMlops());
        var copy = Edited(SampleTranscripts.LeanMlops(), "A second show opens with its own line.") with { Id = "lean-mlops-rerun", Source = "/episodes/lean-mlops-rerun.md" };
        _reader.Results.Add(EpisodeReadResult.Read(copy));

        var report = await sut.RunAsync(Request, null, default);

        var texts = TextsOf(chunker, copy);
        Assert.Equal(["lean-mlops-rerun"], report.New);
        Assert.Equal(texts.Sentences.Intersect(known.Sentences).Count(), report.SentencesReused);
        Assert.Equal(texts.Words.Intersect(known.Words).Count(), report.WordsReused);
        Assert.True(report.SentencesReused > 0 && report.WordsReused > 0);
    }

    [Fact]
    public async Task Ingest_Rebuild_EmbedsEveryTextAgain()
    {
        var sentenceEmbedder = new HashingEmbeddingGenerator();
        var (sut, _) = WithSentenceEmbedder(sentenceEmbedder);
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        var first = await sut.RunAsync(Request, null, default);
        var embeddedBefore = sentenceEmbedder.TextsEmbedded;

        var rebuild = await sut.RunAsync(Request with { Rebuild = true }, null, default);

        Assert.Equal((0, 0), (rebuild.SentencesReused, rebuild.WordsReused));
        Assert.Equal(embeddedBefore, sentenceEmbedder.TextsEmbedded - embeddedBefore);
        Assert.Equal((first.Sentences, first.Words), (rebuild.Sentences, rebuild.Words));
    }

    [Fact]
    public async Task Ingest_IndexThatOffersNoStoredVectors_EmbedsEveryTextOfAnEditedEpisode()
    {
        var sentenceEmbedder = new HashingEmbeddingGenerator();
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        var sut = new IngestionPipeline(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), _embedder, new WithoutStoredVectors(_index),
            chunking, Options.Create(new IngestionOptions { EmbeddingBatchSize = 4 }), NullLogger<IngestionPipeline>.Instance, sentenceEmbedder);
        _reader.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await sut.RunAsync(Request, null, default);
        _reader.Results[0] = EpisodeReadResult.Read(Edited(SampleTranscripts.LeanMlops(), "Zanzibar quokkas never deploy on Fridays."));
        var embeddedBefore = sentenceEmbedder.TextsEmbedded;

        var report = await sut.RunAsync(Request, null, default);

        Assert.Equal((0, 0), (report.SentencesReused, report.WordsReused));
        Assert.True(sentenceEmbedder.TextsEmbedded - embeddedBefore >= report.Sentences);
    }

    private (IngestionPipeline Pipeline, Chunker Chunker) WithSentenceEmbedder(HashingEmbeddingGenerator sentenceEmbedder)
    {
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        var chunker = new Chunker(chunking, new WordBasedTokenCounter(256));
        return (new IngestionPipeline(_reader, chunker, _embedder, _index, chunking, Options.Create(new IngestionOptions { EmbeddingBatchSize = 4 }),
            NullLogger<IngestionPipeline>.Instance, sentenceEmbedder), chunker);
    }

    /// <summary>The episode with its first transcript line replaced.</summary>
    private static Episode Edited(Episode episode, string firstLine) =>
        episode with { Lines = [episode.Lines[0] with { Text = firstLine }, .. episode.Lines.Skip(1)] };

    private static (List<string> Sentences, List<string> Words) TextsOf(Chunker chunker, Episode episode)
    {
        var chunks = chunker.Chunk(episode);
        return (chunks.SelectMany(QuotableSentences.Of).Distinct().ToList(), chunks.SelectMany(c => VocabularyWords.Of(c.Text)).Distinct().ToList());
    }

    private async Task<float[]> StoredVectorAsync(string text) => (await _index.GetStoredTextVectorsAsync([text], default))[text].ToArray();

    /// <summary>An index that keeps sentence vectors but does not offer them back: the port's default.</summary>
    private sealed class WithoutStoredVectors(InMemoryChunkIndex inner) : IChunkIndex
    {
        public string Name => inner.Name;
        public bool KeepsSentenceVectors => true;
        public Task<IReadOnlyDictionary<string, string>> GetEpisodeFingerprintsAsync(CancellationToken cancellationToken) => inner.GetEpisodeFingerprintsAsync(cancellationToken);
        public Task<EmbeddingSpace?> GetEmbeddingSpaceAsync(CancellationToken cancellationToken) => inner.GetEmbeddingSpaceAsync(cancellationToken);
        public Task ApplyAsync(IndexUpdate update, CancellationToken cancellationToken) => inner.ApplyAsync(update, cancellationToken);
        public Task<IReadOnlyList<ScoredChunk>> SearchDenseAsync(ReadOnlyMemory<float> queryVector, int limit, SearchFilter filter, CancellationToken cancellationToken) =>
            inner.SearchDenseAsync(queryVector, limit, filter, cancellationToken);
        public Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken) =>
            inner.SearchLexicalAsync(query, limit, filter, cancellationToken);
        public Task<IReadOnlyList<EpisodeSummary>> ListEpisodesAsync(CancellationToken cancellationToken) => inner.ListEpisodesAsync(cancellationToken);
        public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
    }

    private sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
