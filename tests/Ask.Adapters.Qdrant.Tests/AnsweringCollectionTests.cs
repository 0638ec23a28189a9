using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Qdrant.Tests;

/// <summary>
/// What the extractive answerer asks of a store, asked of Qdrant and of the embedded store over the same
/// ingest: stored sentence and word vectors, the archive's vocabulary and BM25 weights must give the same numbers.
/// </summary>
public sealed class AnsweringCollectionTests : FakeQdrantTest
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-answering-" + Guid.NewGuid().ToString("N"));
    private readonly HashingEmbeddingGenerator _embedder = new();
    private readonly List<EmbeddedChunkIndex> _embedded = [];

    private static readonly Episode Pipelines = SampleTranscripts.Episode("pipelines", "Data Pipelines at a Bakery",
        (0, "Alexey", "What did your pipelines look like at the bakery chain?"),
        (20, "Ines", "Every oven sent temperature readings each minute, and we loaded them into a warehouse every night."),
        (70, "Ines", "The nightly load broke whenever an oven was renamed, so we added contracts between the teams."),
        (130, "Alexey", "Did the contracts help with the sourdough production forecasts?"),
        (150, "Ines", "They did. Forecast errors dropped once the bakers stopped renaming ovens without telling anyone."));

    private async Task<(EmbeddedChunkIndex Embedded, QdrantChunkIndex Qdrant)> IngestBothAsync(params Episode[][] ingests)
    {
        var embedded = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = Path.Combine(_directory, "index") }, TimeProvider.System);
        _embedded.Add(embedded);
        var qdrant = NewIndex().Index;
        foreach (var episodes in ingests)
        {
            await TestIngestion.IngestAsync(embedded, _embedder, new WordBasedTokenCounter(256), Chunking, episodes);
            await TestIngestion.IngestAsync(qdrant, _embedder, new WordBasedTokenCounter(256), Chunking, episodes);
        }
        return (embedded, qdrant);
    }

    private static ChunkingOptions Chunking => new() { TargetWords = 25, MinWords = 5 };

    private async Task<IReadOnlyList<ScoredChunk>> SearchAllAsync(IChunkIndex index, string question) =>
        await index.SearchDenseAsync((await _embedder.GenerateAsync([question], cancellationToken: Ct))[0].Vector, 100, SearchFilter.None, Ct);

    [Fact]
    public async Task SentenceAndWordSimilarities_AfterASearch_EqualTheEmbeddedStoresToTheBit()
    {
        var (embedded, sut) = await IngestBothAsync([SampleTranscripts.LeanMlops(), Pipelines]);
        var hits = await SearchAllAsync(sut, "kubeflow for startups");
        var query = (await _embedder.GenerateAsync(["kubeflow for startups"], cancellationToken: Ct))[0].Vector;

        var sentences = hits.SelectMany(h => QuotableSentences.Of(h.Chunk)).Distinct().ToList();
        var words = hits.SelectMany(h => VocabularyWords.Of(h.Chunk.Text)).Distinct().ToList();
        Assert.NotEmpty(sentences);
        Assert.NotEmpty(words);
        foreach (var sentence in sentences)
        {
            Assert.NotNull(sut.Similarity(sentence, query.Span));
            Assert.Equal(embedded.Similarity(sentence, query.Span), sut.Similarity(sentence, query.Span));
        }
        foreach (var word in words) Assert.Equal(embedded.WordSimilarity(word, query.Span), sut.WordSimilarity(word, query.Span));
        Assert.Null(sut.Similarity("A sentence nobody said in any episode.", query.Span));
    }

    [Fact]
    public async Task UnknownWords_AfterASearch_AreTheEmbeddedStoresAndFollowDeletions()
    {
        var (embedded, sut) = await IngestBothAsync([SampleTranscripts.LeanMlops(), Pipelines]);
        Assert.Empty(sut.UnknownWords("ovens and kubeflow"));
        await SearchAllAsync(sut, "ovens");

        Assert.Equal(embedded.UnknownWords("Which ovens, crocheting and Kubeflow's wildfire?"), sut.UnknownWords("Which ovens, crocheting and Kubeflow's wildfire?"));
        Assert.Equal(["crocheting", "wildfire"], sut.UnknownWords("ovens crocheting kubeflow wildfire"));

        await sut.ApplyAsync(new IndexUpdate((await sut.GetEmbeddingSpaceAsync(Ct))!, [], ["pipelines"]), Ct);
        await SearchAllAsync(sut, "kubeflow");

        Assert.Equal(["ovens"], sut.UnknownWords("ovens kubeflow"));
    }

    [Fact]
    public async Task ExtractiveAnswer_OnQdrant_EmbedsOnlyTheQuestionAndItsUnknownWord_AndMatchesTheEmbeddedStore()
    {
        var (embedded, sut) = await IngestBothAsync([SampleTranscripts.LeanMlops(), Pipelines]);
        // The word rule runs on every question (support below 1), so word vectors are needed too.
        var options = Options.Create(new AnswerOptions { RequireKeyTerms = false, NotInArchiveThreshold = -1, SupportThreshold = -1, UnknownWordSupport = 1, UnknownWordMatch = 0.01 });
        const string question = "What did Ines say about renamed ovens and the crocheting forecasts?";

        async Task<(Answer Answer, int Embedded)> AskAsync(IChunkIndex index, ISentenceVectors vectors, IArchiveVocabulary vocabulary, IWordVectors words)
        {
            var before = _embedder.TextsEmbedded;
            var retrieval = await new Retriever(index, _embedder, Options.Create(new RetrievalOptions())).SearchAsync(question, 4, null, Ct);
            var result = await new ExtractiveAnswerer(_embedder, options, vectors, vocabulary, words)
                .AnswerAsync(question, retrieval.QueryVector!.Value, AnswerSource.NumberAll(retrieval.Passages), retrieval.NearestSimilarity, Ct);
            return (result.Answer, _embedder.TextsEmbedded - before);
        }

        var onEmbedded = await AskAsync(embedded, embedded, embedded, embedded);
        var onQdrant = await AskAsync(sut, sut, sut, sut);

        // The question, once more without "Ines" (only her words may answer), and the one word of it no transcript
        // contains; no sentence and no source word.
        Assert.Equal(3, onQdrant.Embedded);
        Assert.Equal(onEmbedded.Embedded, onQdrant.Embedded);
        Assert.Equal(onEmbedded.Answer.Status, onQdrant.Answer.Status);
        Assert.Equal(onEmbedded.Answer.Text, onQdrant.Answer.Text);
    }

    [Fact]
    public async Task LexicalScores_AfterIncrementalIngests_EqualTheEmbeddedStoresLuceneScores()
    {
        // Three ingests of different chunk lengths: each moves the archive's average length, and with it every weight.
        var (embedded, sut) = await IngestBothAsync([SampleTranscripts.LeanMlops()], [Pipelines], [SampleTranscripts.FeatureStores()]);

        foreach (var query in new[] { "kubeflow startup", "ovens renamed contracts", "feature store training serving skew", "startup vendor lock-in" })
        {
            var expected = await embedded.SearchLexicalAsync(query, 20, SearchFilter.None, Ct);
            var actual = await sut.SearchLexicalAsync(query, 20, SearchFilter.None, Ct);

            // Each chunk scores the same; chunks with equal scores may come in either order (Lucene breaks ties by
            // document number, Qdrant by its own order), so the ranks are compared as score-ordered lists.
            Assert.Equal(expected.Select(h => h.Chunk.Id).Order(), actual.Select(h => h.Chunk.Id).Order());
            var scores = actual.ToDictionary(h => h.Chunk.Id, h => h.Score);
            foreach (var hit in expected) Assert.Equal(hit.Score, scores[hit.Chunk.Id], 1e-5 * hit.Score);
            Assert.Equal(expected.Select(h => h.Score), actual.Select(h => h.Score), (e, a) => Math.Abs(e - a) <= 1e-5 * e);
        }
        Assert.True(Server.State.CallsOf("UpdateVectors") > 0, "the earlier episodes were reweighted");
    }

    [Fact]
    public async Task AnotherProcessesIngest_IsSeenWithinTheCheckInterval_NotBefore()
    {
        var writer = NewIndex();
        var clock = new FakeTimeProvider();
        var reader = NewIndex(o => o.Collection = writer.Options.Collection, clock).Index;
        await TestIngestion.IngestAsync(writer.Index, _embedder, new WordBasedTokenCounter(256), Chunking, SampleTranscripts.LeanMlops());
        await SearchAllAsync(reader, "kubeflow");
        Assert.Equal(["ovens"], reader.UnknownWords("ovens kubeflow"));

        await TestIngestion.IngestAsync(writer.Index, _embedder, new WordBasedTokenCounter(256), Chunking, Pipelines);
        await SearchAllAsync(reader, "ovens");
        var beforeTheInterval = reader.UnknownWords("ovens kubeflow");
        clock.Advance(AnsweringCache.CheckInterval);
        var hits = await SearchAllAsync(reader, "ovens");

        Assert.Equal(["ovens"], beforeTheInterval);
        Assert.Empty(reader.UnknownWords("ovens kubeflow"));
        var query = (await _embedder.GenerateAsync(["ovens"], cancellationToken: Ct))[0].Vector;
        Assert.All(hits.SelectMany(h => QuotableSentences.Of(h.Chunk)), s => Assert.NotNull(reader.Similarity(s, query.Span)));
    }

    [Fact]
    public async Task AnotherProcessesRebuild_SwapsTheVocabularyWhole_AndKeepsTheVectorsARequestAlreadyFound()
    {
        var writer = NewIndex();
        var clock = new FakeTimeProvider();
        var reader = NewIndex(o => o.Collection = writer.Options.Collection, clock).Index;
        await TestIngestion.IngestAsync(writer.Index, _embedder, new WordBasedTokenCounter(256), Chunking, SampleTranscripts.LeanMlops(), Pipelines);
        var hits = await SearchAllAsync(reader, "ovens");
        var query = (await _embedder.GenerateAsync(["ovens"], cancellationToken: Ct))[0].Vector;
        var found = hits.Where(h => h.Chunk.EpisodeId == "pipelines").SelectMany(h => QuotableSentences.Of(h.Chunk)).ToList();
        Assert.NotEmpty(found);
        Assert.All(found, s => Assert.NotNull(reader.Similarity(s, query.Span)));
        Assert.NotNull(reader.WordSimilarity("ovens", query.Span));

        // `ask ingest --rebuild` of an archive without the bakery episode, in another process; then this one looks again.
        var options = Options.Create(Chunking);
        var episodes = new InMemoryEpisodeReader();
        episodes.Results.Add(EpisodeReadResult.Read(SampleTranscripts.LeanMlops()));
        await new IngestionPipeline(episodes, new Chunker(options, new WordBasedTokenCounter(256)), _embedder, writer.Index, options,
                Options.Create(new IngestionOptions()), NullLogger<IngestionPipeline>.Instance)
            .RunAsync(new IngestRequest(["/test"], Rebuild: true), null, Ct);
        clock.Advance(AnsweringCache.CheckInterval);
        await SearchAllAsync(reader, "kubeflow");

        Assert.Equal(["ovens"], reader.UnknownWords("ovens kubeflow"));
        // A request that found these before the swap still finds them: vectors are the same text's in every generation.
        Assert.All(found, s => Assert.NotNull(reader.Similarity(s, query.Span)));
        Assert.NotNull(reader.WordSimilarity("ovens", query.Span));
    }

    [Fact]
    public async Task Rebuild_MovesTheChunksAndAnsweringAliasesInOneUpdate_AndDropsTheOldOnesAfter()
    {
        var handle = NewIndex();
        var alias = handle.Options.Collection;
        await TestIngestion.IngestAsync(handle.Index, _embedder, new WordBasedTokenCounter(256), Chunking, SampleTranscripts.LeanMlops());
        var update = new IndexUpdate((await handle.Index.GetEmbeddingSpaceAsync(Ct))!, [], [], Rebuild: true);

        await handle.Index.ApplyAsync(update, Ct);

        Assert.Equal(alias + "-v2", Server.State.Aliases[alias]);
        Assert.Equal(alias + "-answering-v2", Server.State.Aliases[alias + "-answering"]);
        var journal = Server.State.Journal.ToList();
        var switched = journal.FindIndex(j => j.Contains($"{alias} -> {alias}-v2", StringComparison.Ordinal) && j.Contains($"{alias}-answering -> {alias}-answering-v2", StringComparison.Ordinal));
        Assert.True(switched >= 0 && switched < journal.IndexOf($"drop {alias}-answering-v1"), string.Join(" | ", journal));
        Assert.DoesNotContain(alias + "-answering-v1", Server.State.Collections.Keys);
    }

    public override async Task DisposeAsync()
    {
        foreach (var index in _embedded) index.Dispose();
        await base.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}
