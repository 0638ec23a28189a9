using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Ask.Testing.Episodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ask.Adapters.Tests.Ingestion;

/// <summary>Several podcasts in one embedded index: keys that never collide, a prune that keeps to its podcast, old indexes.</summary>
public sealed class PodcastIngestTests : IDisposable
{
    private static readonly Podcast Other = new("other-show", "The Other Show");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-podcasts-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryEpisodeReader _reader = new();
    private readonly EmbeddedChunkIndex _index;

    public PodcastIngestTests() => _index = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);

    private IngestionPipeline Sut()
    {
        var chunking = Options.Create(new ChunkingOptions { TargetWords = 30, MinWords = 5 });
        return new IngestionPipeline(_reader, new Chunker(chunking, new WordBasedTokenCounter(256)), new HashingEmbeddingGenerator(), _index,
            chunking, Options.Create(new IngestionOptions { EmbeddingBatchSize = 4 }), NullLogger<IngestionPipeline>.Instance);
    }

    private async Task<IngestReport> IngestAsync(Podcast? podcast, bool prune, params Episode[] episodes)
    {
        _reader.Results.Clear();
        _reader.Results.AddRange(episodes.Select(e => EpisodeReadResult.Read(e)));
        return await Sut().RunAsync(new IngestRequest(["/episodes"], Prune: prune, Podcast: podcast), null, default);
    }

    /// <summary>Another show's episode that happens to have the same file name as one of the first archive's.</summary>
    private static Episode SameNameInAnotherShow() => SampleTranscripts.FeatureStores() with { Id = "lean-mlops" };

    [Fact]
    public async Task Ingest_SameEpisodeIdInTwoPodcasts_BothIndexedUnderTheirOwnKeys()
    {
        await IngestAsync(null, prune: false, SampleTranscripts.LeanMlops());

        var report = await IngestAsync(Other, prune: false, SameNameInAnotherShow());

        Assert.Equal(["other-show/lean-mlops"], report.New);
        Assert.Equal(["lean-mlops", "other-show/lean-mlops"], (await _index.GetEpisodeFingerprintsAsync(default)).Keys.Order(StringComparer.Ordinal));
        var theirs = await _index.SearchLexicalAsync("feature store", 10, new SearchFilter { Podcasts = ["other-show"] }, default);
        Assert.NotEmpty(theirs);
        Assert.All(theirs, h => Assert.Equal(("other-show/lean-mlops", Other), (h.Chunk.EpisodeId, h.Chunk.Podcast)));
        var ours = await _index.SearchLexicalAsync("kubeflow", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }, default);
        Assert.NotEmpty(ours);
        Assert.All(ours, h => Assert.Equal(("lean-mlops", Podcast.DataTalksClub), (h.Chunk.EpisodeId, h.Chunk.Podcast)));
    }

    [Fact]
    public async Task Ingest_PodcastOfTheRequest_WinsOverTheEpisodesOwn()
    {
        var fromFeed = SampleTranscripts.LeanMlops() with { Podcast = new Podcast("feed-show", "Feed Show") };

        var report = await IngestAsync(Other, prune: false, fromFeed);

        Assert.Equal(["other-show/lean-mlops"], report.New);
        Assert.Equal(Other, (await _index.ListEpisodesAsync(default)).Single().Podcast);
    }

    [Fact]
    public async Task Ingest_EpisodeOfItsOwnPodcast_KeyedUnderIt()
    {
        var fromFeed = SampleTranscripts.LeanMlops() with { Podcast = Other, AudioUrl = "https://cdn.example.org/lean.mp3", PageUrl = "https://example.org/lean" };

        var report = await IngestAsync(null, prune: false, fromFeed);

        Assert.Equal(["other-show/lean-mlops"], report.New);
        var episode = (await _index.ListEpisodesAsync(default)).Single();
        Assert.Equal((Other, "https://cdn.example.org/lean.mp3", "https://example.org/lean"), (episode.Podcast, episode.AudioUrl, episode.PageUrl));
    }

    [Fact]
    public async Task Prune_RemovesMissingEpisodesOfThePodcastsReadOnly()
    {
        await IngestAsync(null, prune: false, SampleTranscripts.LeanMlops(), SampleTranscripts.FeatureStores());
        await IngestAsync(Other, prune: false, SameNameInAnotherShow());

        var ours = await IngestAsync(null, prune: true, SampleTranscripts.LeanMlops());
        Assert.Equal(["feature-stores"], ours.Removed);

        var theirs = await IngestAsync(Other, prune: true, SampleTranscripts.LeanMlops() with { Id = "another" });
        Assert.Equal(["other-show/lean-mlops"], theirs.Removed);

        Assert.Equal(["lean-mlops", "other-show/another"], (await _index.GetEpisodeFingerprintsAsync(default)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Prune_NothingReadForAPodcast_RemovesThatPodcastOnly()
    {
        await IngestAsync(null, prune: false, SampleTranscripts.LeanMlops());
        await IngestAsync(Other, prune: false, SameNameInAnotherShow());

        var report = await IngestAsync(Other, prune: true);

        Assert.Equal(["other-show/lean-mlops"], report.Removed);
        Assert.Equal(["lean-mlops"], (await _index.GetEpisodeFingerprintsAsync(default)).Keys);
    }

    [Fact]
    public async Task FirstArchiveChunks_WrittenAsBeforeAndReadAsTheFirstArchive()
    {
        await IngestAsync(null, prune: false, SampleTranscripts.LeanMlops());
        await IngestAsync(Other, prune: false, SameNameInAnotherShow());

        // The first archive's records have no podcast field: byte for byte what an index of before
        // there were several podcasts holds, and what such an index is read as.
        var current = File.ReadAllText(Path.Combine(_directory, "CURRENT")).Trim();
        var records = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, current, "chunks.json")))!.AsArray();
        Assert.All(records.Where(r => (string?)r!["episode"] == "lean-mlops"), r => Assert.Null(r!["podcast"]));
        Assert.All(records.Where(r => (string?)r!["episode"] != "lean-mlops"), r => Assert.Equal("other-show", (string?)r!["podcast"]));

        using var reopened = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        var hits = await reopened.SearchLexicalAsync("kubeflow", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }, default);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(Podcast.DataTalksClub, h.Chunk.Podcast));
    }

    [Fact]
    public void Fingerprint_FirstArchiveEpisode_UnchangedByThePodcastFields()
    {
        var episode = SampleTranscripts.LeanMlops();
        var before = EpisodeFingerprint.Compute(episode, "s", "m");

        Assert.Equal(before, EpisodeFingerprint.Compute(episode with { Podcast = Podcast.DataTalksClub }, "s", "m"));
        Assert.NotEqual(before, EpisodeFingerprint.Compute(episode with { AudioUrl = "https://cdn.example.org/a.mp3" }, "s", "m"));
        Assert.NotEqual(before, EpisodeFingerprint.Compute(episode with { Podcast = Other }, "s", "m"));
    }

    public void Dispose()
    {
        _index.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
