using System.Diagnostics;
using Ask.Core.Answering;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ask.Core.Ingestion;

/// <summary>
/// One ingest run: read sources, drop what cannot or need not be indexed, chunk and embed what is new
/// or changed, and hand the whole change to the index in one update.
/// </summary>
public sealed partial class IngestionPipeline(
    IEpisodeReader reader,
    Chunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IChunkIndex index,
    IOptions<ChunkingOptions> chunking,
    IOptions<IngestionOptions> options,
    ILogger<IngestionPipeline> logger,
    IEmbeddingGenerator<string, Embedding<float>>? sentenceEmbedder = null,
    IIngestLock? ingestLock = null)
{
    public async Task<IngestReport> RunAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var held = ingestLock is null ? null : await ingestLock.AcquireAsync(options.Value.LockTimeout, () =>
        {
            LogWaitingForLock(logger, ingestLock.Name, options.Value.LockTimeout.TotalSeconds);
            progress?.Report(new IngestProgress(IngestStage.WaitingForLock, 0, 0, 0, 0, clock.Elapsed) { LockHeld = ingestLock.Name });
        }, cancellationToken);
        return await RunLockedAsync(request, progress, clock, cancellationToken);
    }

    private async Task<IngestReport> RunLockedAsync(IngestRequest request, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var report = new IngestReport { Store = index.Name };
        var space = await EmbeddingSpaceOfAsync(embedder, cancellationToken);

        progress?.Report(new IngestProgress(IngestStage.Reading, 0, 0, 0, 0, clock.Elapsed));
        var episodes = await ReadEpisodesAsync(request, report, progress, clock, cancellationToken);

        // A rebuild does not look at the index at all, so that it also replaces one that cannot be read.
        var indexedSpace = request.Rebuild ? null : await index.GetEmbeddingSpaceAsync(cancellationToken);
        if (indexedSpace is not null && indexedSpace != space)
            throw new IndexSchemaMismatchException(indexedSpace, space);

        var indexed = request.Rebuild
            ? new Dictionary<string, string>()
            : await index.GetEpisodeFingerprintsAsync(cancellationToken);
        var withSentences = index.KeepsSentenceVectors && options.Value.SentenceVectors;
        // Part of every fingerprint, so an index built before sentence and word vectors existed gets them on the next
        // ingest (its chunk vectors come from the embedding cache).
        var settings = chunking.Value.Describe() + (withSentences ? ";sentences=1;words=1" : "");
        var toIndex = new List<(Episode Episode, string Fingerprint)>();
        foreach (var episode in episodes)
        {
            var fingerprint = EpisodeFingerprint.Compute(episode, settings, space.Model);
            if (!indexed.TryGetValue(episode.Id, out var previous)) { report.New.Add(episode.Id); toIndex.Add((episode, fingerprint)); }
            else if (previous != fingerprint) { report.Changed.Add(episode.Id); toIndex.Add((episode, fingerprint)); }
            else report.Unchanged.Add(episode.Id);
        }

        var seen = episodes.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        // Pruning one podcast's folder leaves the other podcasts of the index alone.
        var pruned = PrunedPodcasts(request, episodes);
        var deletions = indexed.Keys
            .Where(id => !seen.Contains(id) && (request.Prune && pruned.Contains(EpisodeKey.PodcastIdOf(id)) || IsReplacedPlaceholder(request, episodes, id)))
            .Order(StringComparer.Ordinal).ToList();
        report.Removed.AddRange(deletions);

        if (toIndex.Count == 0 && deletions.Count == 0 && !request.Rebuild)
        {
            report.Elapsed = clock.Elapsed;
            progress?.Report(new IngestProgress(IngestStage.Done, episodes.Count, episodes.Count, 0, 0, clock.Elapsed));
            return report;
        }

        var chunked = toIndex.Select(x => (x.Episode, x.Fingerprint, Chunks: chunker.Chunk(x.Episode))).ToList();
        var total = chunked.Sum(x => x.Chunks.Count);
        var vectors = await EmbedAsync(chunked.SelectMany(x => x.Chunks).ToList(), report, progress, clock, episodes.Count, cancellationToken);

        var (sentences, words) = withSentences
            ? await EmbedSentencesAndWordsAsync(chunked.Select(x => x.Chunks).ToList(), request.Rebuild, report, progress, clock, episodes.Count, cancellationToken)
            : (null, null);

        var upserts = new List<IndexedEpisode>(chunked.Count);
        var offset = 0;
        for (var e = 0; e < chunked.Count; e++)
        {
            var (episode, fingerprint, chunks) = chunked[e];
            var embedded = new EmbeddedChunk[chunks.Count];
            for (var i = 0; i < chunks.Count; i++) embedded[i] = new EmbeddedChunk(chunks[i], vectors[offset + i]);
            offset += chunks.Count;
            upserts.Add(new IndexedEpisode(episode.Id, fingerprint, embedded) { Sentences = sentences?[e] ?? [], Words = words?[e] ?? [] });
        }
        report.Chunks = total;

        progress?.Report(new IngestProgress(IngestStage.Writing, episodes.Count, episodes.Count, total, total, clock.Elapsed));
        var writeClock = Stopwatch.StartNew();
        await index.ApplyAsync(new IndexUpdate(space, upserts, deletions, request.Rebuild), cancellationToken);
        report.WriteElapsed = writeClock.Elapsed;
        report.Elapsed = clock.Elapsed;
        LogIngested(logger, report.New.Count, report.Changed.Count, report.Unchanged.Count, report.Skipped.Count, total, report.Elapsed.TotalSeconds);
        progress?.Report(new IngestProgress(IngestStage.Done, episodes.Count, episodes.Count, total, total, clock.Elapsed));
        return report;
    }

    private async Task<List<Episode>> ReadEpisodesAsync(IngestRequest request, IngestReport report, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var episodes = new List<Episode>();
        var byId = new Dictionary<string, Episode>(StringComparer.Ordinal);
        var byTranscript = new Dictionary<string, Episode>(StringComparer.Ordinal);
        var results = new List<EpisodeReadResult>();
        await foreach (var result in reader.ReadAsync(request.Sources, cancellationToken))
        {
            results.Add(result);
            IngestCrashPoint.Pass("read");
            progress?.Report(new IngestProgress(IngestStage.Reading, results.Count, 0, 0, 0, clock.Elapsed));
        }

        var keyed = results.Select(r => (Result: r, Episode: r.Episode is { } e ? Keyed(e, request.Podcast) : null)).ToList();
        // Sorted so that which of two duplicates is kept does not depend on the order files were listed in.
        foreach (var (result, read) in keyed.OrderBy(r => r.Episode?.Id ?? r.Result.Source, StringComparer.Ordinal))
        {
            report.Warnings.AddRange(result.Problems.Where(p => p.IsWarning));
            if (read is not { } episode)
            {
                report.Skipped.AddRange(result.Problems.Where(p => !p.IsWarning));
                continue;
            }
            if (!episode.HasTranscript)
            {
                report.Skipped.Add(new ReadProblem(result.Source, 0, "no transcript (metadata or chapters only)", SkipReason.NoTranscript));
                continue;
            }
            if (byId.TryGetValue(episode.Id, out var sameId))
            {
                report.Skipped.Add(new ReadProblem(result.Source, 0, $"episode id '{episode.Id}' was already read from {sameId.Source}", SkipReason.DuplicateTranscript));
                continue;
            }
            var transcript = EpisodeFingerprint.TranscriptHash(episode);
            if (byTranscript.TryGetValue(transcript, out var original))
            {
                report.Skipped.Add(new ReadProblem(result.Source, 0, $"same transcript as '{original.Id}' ({original.Source}); indexed once, under '{original.Id}'", SkipReason.DuplicateTranscript));
                continue;
            }
            byId[episode.Id] = episode;
            byTranscript[transcript] = episode;
            episodes.Add(episode);
        }
        foreach (var problem in report.Skipped) LogSkipped(logger, problem.ToString());
        return episodes;
    }

    /// <summary>
    /// The episode as it is indexed: in the podcast the request names (which wins over what its source said),
    /// under its <see cref="EpisodeKey"/>.
    /// </summary>
    private static Episode Keyed(Episode episode, Podcast? podcast)
    {
        var show = podcast ?? episode.Podcast;
        return episode with { Podcast = show, Id = EpisodeKey.For(show, episode.Id) };
    }

    /// <summary>A placeholder (a sample a fresh install serves) leaves the index once real episodes arrive.</summary>
    private static bool IsReplacedPlaceholder(IngestRequest request, List<Episode> episodes, string id) =>
        request.Placeholders is { Count: > 0 } placeholders && placeholders.Contains(id)
        && episodes.Any(e => !e.IsSample && !placeholders.Contains(e.Id));

    /// <summary>The podcasts whose missing episodes a prune removes: those read, or the one asked for when nothing was read.</summary>
    private static HashSet<string> PrunedPodcasts(IngestRequest request, List<Episode> episodes)
    {
        var podcasts = episodes.Select(e => e.Podcast.Id).ToHashSet(StringComparer.Ordinal);
        if (podcasts.Count == 0) podcasts.Add((request.Podcast ?? Podcast.DataTalksClub).Id);
        return podcasts;
    }

    private async Task<ReadOnlyMemory<float>[]> EmbedAsync(List<Chunk> chunks, IngestReport report, IProgress<IngestProgress>? progress, Stopwatch clock, int episodeCount, CancellationToken cancellationToken)
    {
        var embedClock = Stopwatch.StartNew();
        var reuse = embedder.GetService<IEmbeddingReuse>();
        var reusedBefore = reuse?.Reused ?? 0;
        progress?.Report(new IngestProgress(IngestStage.Embedding, episodeCount, episodeCount, 0, chunks.Count, clock.Elapsed));
        var vectors = await EmbedInBatchesAsync(embedder, chunks.Select(c => c.ContextualText).ToArray(), "chunks",
            done => progress?.Report(new IngestProgress(IngestStage.Embedding, episodeCount, episodeCount, done, chunks.Count, clock.Elapsed)), cancellationToken);
        report.EmbeddingElapsed = embedClock.Elapsed;
        report.ChunksReused = (reuse?.Reused ?? 0) - reusedBefore;
        return vectors;
    }

    /// <summary>
    /// Embeds every episode's quotable sentences (<see cref="QuotableSentences"/>) and words (<see cref="VocabularyWords"/>),
    /// each distinct text once, shortest first so that a batch pads little. Goes past the embedding cache:
    /// these vectors are kept in the index itself, and caching them too would hold six times the chunks'
    /// vectors in memory. So a text the index already holds (in any episode: a text's vector does not depend on
    /// where it was said) takes its vector from there, and only the rest reach the encoder; a rebuild takes
    /// nothing from the index it replaces.
    /// </summary>
    private async Task<(IReadOnlyList<EmbeddedSentence>[] Sentences, IReadOnlyList<EmbeddedWord>[] Words)> EmbedSentencesAndWordsAsync(
        List<IReadOnlyList<Chunk>> episodes, bool rebuild, IngestReport report, IProgress<IngestProgress>? progress, Stopwatch clock, int episodeCount, CancellationToken cancellationToken)
    {
        var sentencesOf = episodes.Select(chunks => chunks.SelectMany(QuotableSentences.Of).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var wordsOf = episodes.Select(chunks => chunks.SelectMany(c => VocabularyWords.Of(c.Text)).Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var distinctSentences = sentencesOf.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToArray();
        var distinctWords = wordsOf.SelectMany(w => w).Distinct(StringComparer.Ordinal).ToArray();
        var distinct = distinctSentences.Concat(distinctWords).Distinct(StringComparer.Ordinal).ToArray();
        var stored = rebuild
            ? new Dictionary<string, ReadOnlyMemory<float>>()
            : await index.GetStoredTextVectorsAsync(distinct, cancellationToken);
        var unseen = distinct.Where(t => !stored.ContainsKey(t)).OrderBy(s => s.Length).ToArray();
        var chunkTotal = episodes.Sum(c => c.Count);
        var embedClock = Stopwatch.StartNew();
        var embedded = await EmbedInBatchesAsync(sentenceEmbedder ?? embedder, unseen, "sentences",
            done => progress?.Report(new IngestProgress(IngestStage.EmbeddingSentences, episodeCount, episodeCount, chunkTotal, chunkTotal, clock.Elapsed)
                { SentencesDone = done, SentencesTotal = unseen.Length }), cancellationToken);
        report.Sentences = distinctSentences.Length;
        report.Words = distinctWords.Length;
        report.SentencesReused = distinctSentences.Count(stored.ContainsKey);
        report.WordsReused = distinctWords.Count(stored.ContainsKey);
        report.SentenceEmbeddingElapsed = embedClock.Elapsed;
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(distinct.Length, StringComparer.Ordinal);
        foreach (var (text, vector) in stored) vectors[text] = vector;
        for (var i = 0; i < unseen.Length; i++) vectors[unseen[i]] = embedded[i];
        return (sentencesOf.Select(s => (IReadOnlyList<EmbeddedSentence>)s.Select(t => new EmbeddedSentence(t, vectors[t])).ToArray()).ToArray(),
                wordsOf.Select(w => (IReadOnlyList<EmbeddedWord>)w.Select(t => new EmbeddedWord(t, vectors[t])).ToArray()).ToArray());
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> in batches (<see cref="EmbeddingBatches"/>), <see cref="IngestionOptions.EmbeddingConcurrency"/>
    /// batches at a time: one inference per core beats one inference spread over all cores (and hides a remote
    /// endpoint's latency). <paramref name="reportDone"/> hears how many texts are done, one call at a time.
    /// </summary>
    private async Task<ReadOnlyMemory<float>[]> EmbedInBatchesAsync(IEmbeddingGenerator<string, Embedding<float>> model, string[] texts, string what,
        Action<int> reportDone, CancellationToken cancellationToken)
    {
        var vectors = new ReadOnlyMemory<float>[texts.Length];
        var done = 0;
        var gate = new Lock();
        var batches = EmbeddingBatches.Plan(texts, Math.Max(1, options.Value.EmbeddingBatchSize), options.Value.EmbeddingBatchCharacters);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.EffectiveEmbeddingConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (indexes, ct) =>
        {
            var batch = new string[indexes.Length];
            for (var i = 0; i < indexes.Length; i++) batch[i] = texts[indexes[i]];
            var embeddings = await model.GenerateAsync(batch, cancellationToken: ct);
            if (embeddings.Count != batch.Length)
                throw new AskException($"The embedder returned {embeddings.Count} vectors for {batch.Length} {what}.");
            for (var i = 0; i < embeddings.Count; i++) vectors[indexes[i]] = embeddings[i].Vector;
            IngestCrashPoint.Pass("embed-" + what);
            lock (gate)
            {
                done += batch.Length;
                reportDone(done);
            }
        });
        return vectors;
    }

    /// <summary>
    /// The model and vector size the embedder produces. Remote endpoints often do not declare the size;
    /// then one probe text is embedded to learn it, before anything is written.
    /// </summary>
    public static async Task<EmbeddingSpace> EmbeddingSpaceOfAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (metadata?.DefaultModelId is not { } model)
            throw new AskException("The embedder does not report its model id.");
        var dims = metadata.DefaultModelDimensions
            ?? (await embedder.GenerateVectorAsync("dimension probe", cancellationToken: cancellationToken)).Length;
        return new EmbeddingSpace(model, dims);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another ingest holds {Lock}, waiting up to {Seconds:0} s…")]
    private static partial void LogWaitingForLock(ILogger logger, string @lock, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Problem}")]
    private static partial void LogSkipped(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested: {New} new, {Changed} changed, {Unchanged} unchanged, {Skipped} skipped; {Chunks} chunks in {Seconds:F1} s")]
    private static partial void LogIngested(ILogger logger, int @new, int changed, int unchanged, int skipped, int chunks, double seconds);
}

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Texts per embedder call. Default 32.</summary>
    public int EmbeddingBatchSize { get; set; } = 32;

    /// <summary>
    /// Cap on one embedder call's size: its texts × its longest text's characters (<see cref="EmbeddingBatches"/>).
    /// Texts are also sent shortest first, so a call pads little. Default 8,192 (about 2,000 word pieces): the encoder's
    /// activations, which grow with texts × length², stay small — measured, an ingest's peak memory about halved against
    /// calls of 32 texts in their own order, with the same vectors (docs/bad-input.md#memory). 0 turns both off.
    /// </summary>
    public int EmbeddingBatchCharacters { get; set; } = 8192;

    /// <summary>Embedder calls in flight at once. Default 0: one per logical processor.</summary>
    public int EmbeddingConcurrency { get; set; }

    internal int EffectiveEmbeddingConcurrency => EmbeddingConcurrency > 0 ? EmbeddingConcurrency : Environment.ProcessorCount;

    /// <summary>
    /// Embed every quotable sentence and every word at ingest when the index keeps their vectors (the embedded
    /// index does), so extractive answers need no embedding per question beyond the question's own. Roughly
    /// doubles a first ingest. Default true.
    /// </summary>
    public bool SentenceVectors { get; set; } = true;

    /// <summary>
    /// How long an ingest waits for another one writing the same data folder to finish before it gives up
    /// (<see cref="IIngestLock"/>). Default 10 minutes: long enough for a start-up ingest of the full corpus.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <param name="Sources">Files and folders to read.</param>
/// <param name="Rebuild">Re-index every episode and drop everything else.</param>
/// <param name="Prune">Remove indexed episodes of the podcasts read that are not among the sources.</param>
/// <param name="Podcast">The podcast every episode read belongs to, whatever its source says; null keeps each episode's own.</param>
/// <param name="Placeholders">
/// Ids of episodes that only stand in until real ones are ingested (the samples a fresh install serves): removed
/// from the index by the first ingest that reads an episode not among them, prune or not.
/// </param>
public sealed record IngestRequest(
    IReadOnlyList<string> Sources, bool Rebuild = false, bool Prune = false, Podcast? Podcast = null,
    IReadOnlySet<string>? Placeholders = null);

public enum IngestStage { Reading, Embedding, EmbeddingSentences, Writing, Done, WaitingForLock }

public sealed record IngestProgress(IngestStage Stage, int EpisodesDone, int EpisodesTotal, int ChunksDone, int ChunksTotal, TimeSpan Elapsed)
{
    public int SentencesDone { get; init; }
    public int SentencesTotal { get; init; }

    /// <summary>While <see cref="IngestStage.WaitingForLock"/>: the lock another ingest holds.</summary>
    public string? LockHeld { get; init; }
}

/// <summary>What an ingest did, for the summary table and for scripts.</summary>
public sealed class IngestReport
{
    public string Store { get; init; } = "";
    public List<string> New { get; } = [];
    public List<string> Changed { get; } = [];
    public List<string> Unchanged { get; } = [];
    public List<string> Removed { get; } = [];
    public List<ReadProblem> Skipped { get; } = [];
    public List<ReadProblem> Warnings { get; } = [];
    public int Chunks { get; set; }

    /// <summary>Of <see cref="Chunks"/>, those whose vectors came from the embedding cache rather than the encoder.</summary>
    public int ChunksReused { get; set; }

    /// <summary>Chunks the encoder actually ran on.</summary>
    public int ChunksEncoded => Chunks - ChunksReused;
    public TimeSpan Elapsed { get; set; }
    public TimeSpan EmbeddingElapsed { get; set; }
    /// <summary>Quotable sentences embedded (distinct texts), when the index keeps sentence vectors.</summary>
    public int Sentences { get; set; }

    /// <summary>Distinct words embedded with the sentences (<see cref="VocabularyWords"/>).</summary>
    public int Words { get; set; }

    /// <summary>Of <see cref="Sentences"/>, those whose vectors came from the index's current generation rather than the encoder.</summary>
    public int SentencesReused { get; set; }

    /// <summary>Of <see cref="Words"/>, those whose vectors came from the index's current generation rather than the encoder.</summary>
    public int WordsReused { get; set; }
    public TimeSpan SentenceEmbeddingElapsed { get; set; }
    public TimeSpan WriteElapsed { get; set; }

    public IEnumerable<IGrouping<SkipReason, ReadProblem>> SkippedByReason =>
        Skipped.GroupBy(p => p.SkipReason ?? SkipReason.Unreadable).OrderBy(g => g.Key);
}
