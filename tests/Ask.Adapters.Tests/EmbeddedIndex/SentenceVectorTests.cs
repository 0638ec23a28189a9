using System.Numerics.Tensors;
using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>
/// Sentence vectors computed at ingest are kept per generation, per episode, and survive reopening; word
/// vectors are kept once each, across ingests.
/// </summary>
public sealed class SentenceVectorTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("test-embedder", 16);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-sentences-" + Guid.NewGuid().ToString("N"));

    private EmbeddedChunkIndex NewIndex() => new(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Space.Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static IndexedEpisode Episode(string id, params (string Text, float[] Vector)[] sentences) =>
        new TestEpisodeBuilder(id).WithChunks(2).Build(Space) with
        {
            Sentences = sentences.Select(s => new EmbeddedSentence(s.Text, s.Vector)).ToArray(),
        };

    [Fact]
    public async Task Similarity_AfterReopening_MatchesTheCosineOfTheIngestedVector()
    {
        var vectors = Enumerable.Range(1, 20).Select(Vector).ToArray();
        using (var ingest = NewIndex())
            await ingest.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", vectors.Select((v, i) => ($"Sentence number {i} of the episode.", v)).ToArray())], []), default);

        using var sut = NewIndex();
        var query = Vector(99);
        for (var i = 0; i < vectors.Length; i++)
        {
            var stored = sut.Similarity($"Sentence number {i} of the episode.", query);
            Assert.NotNull(stored);
            Assert.InRange(stored.Value - TensorPrimitives.CosineSimilarity(query, vectors[i]), -0.01, 0.01);
        }
        Assert.Null(sut.Similarity("A sentence nobody ingested.", query));
        Assert.Null(sut.Similarity("Sentence number 0 of the episode.", new float[8]));
    }

    [Fact]
    public async Task Apply_ChangedEpisode_ReplacesItsSentencesAndKeepsTheOthers()
    {
        using var sut = NewIndex();
        await sut.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", ("Alpha said this first.", Vector(1))), Episode("ep-b", ("Beta said this once.", Vector(2)))], []), default);

        await sut.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", ("Alpha said something new.", Vector(3)))], []), default);

        Assert.Null(sut.Similarity("Alpha said this first.", Vector(9)));
        Assert.NotNull(sut.Similarity("Alpha said something new.", Vector(9)));
        Assert.NotNull(sut.Similarity("Beta said this once.", Vector(9)));

        await sut.ApplyAsync(new IndexUpdate(Space, [], ["ep-b"]), default);
        Assert.Null(sut.Similarity("Beta said this once.", Vector(9)));
    }

    [Fact]
    public async Task Apply_SameSentenceInTwoEpisodes_SurvivesRemovingOne()
    {
        using var sut = NewIndex();
        var shared = ("Thanks a lot for joining us today.", Vector(5));
        await sut.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", shared), Episode("ep-b", shared)], []), default);

        await sut.ApplyAsync(new IndexUpdate(Space, [], ["ep-a"]), default);

        Assert.NotNull(sut.Similarity(shared.Item1, Vector(9)));
    }

    [Fact]
    public async Task Load_GenerationWithoutSentenceTable_ServesChunksAndHasNoSentenceVectors()
    {
        using (var ingest = NewIndex())
            await ingest.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a")], []), default);
        var generation = (await File.ReadAllTextAsync(Path.Combine(_directory, "CURRENT"))).Trim();
        Assert.False(File.Exists(Path.Combine(_directory, generation, "sentences.i8")));

        using var sut = NewIndex();
        Assert.Equal(2, await sut.CountAsync(default));
        Assert.Null(sut.Similarity("Anything at all here.", Vector(1)));
    }

    [Fact]
    public async Task Load_TruncatedSentenceTable_GenerationRefusedWithAClearError()
    {
        using (var ingest = NewIndex())
            await ingest.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", ("Alpha said this first.", Vector(1)))], []), default);
        var generation = (await File.ReadAllTextAsync(Path.Combine(_directory, "CURRENT"))).Trim();
        var path = Path.Combine(_directory, generation, "sentences.i8");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^5]);

        using var sut = NewIndex();
        // Its size differs from the manifest's: the generation is refused whole (a previous one would serve).
        var error = await Assert.ThrowsAsync<Ask.Core.AskException>(() => sut.CountAsync(default));
        Assert.Contains(generation, error.Message);
        Assert.Contains("--rebuild", error.Message);
    }

    [Fact]
    public async Task Load_SentenceTableDamagedInside_SearchStillServesAndAnsweringGetsAClearError()
    {
        using (var ingest = NewIndex())
            await ingest.ApplyAsync(new IndexUpdate(Space, [Episode("ep-a", ("Alpha said this first.", Vector(1)))], []), default);
        var generation = (await File.ReadAllTextAsync(Path.Combine(_directory, "CURRENT"))).Trim();
        var path = Path.Combine(_directory, generation, "sentences.i8");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0xFF; // same size, so only reading the table (in the background) finds it
        await File.WriteAllBytesAsync(path, bytes);

        using var sut = NewIndex();
        Assert.Equal(2, await sut.CountAsync(default));
        var error = Assert.Throws<Ask.Core.AskException>(() => sut.Similarity("Alpha said this first.", Vector(1)));
        Assert.Contains(generation, error.Message);
        Assert.Contains("--rebuild", error.Message);
    }

    private static IndexedEpisode WithWords(string id, params (string Text, float[] Vector)[] words) =>
        Episode(id) with { Words = words.Select(w => new EmbeddedWord(w.Text, w.Vector)).ToArray() };

    [Fact]
    public async Task WordSimilarity_AfterReopening_MatchesTheCosineOfTheIngestedVector()
    {
        using (var ingest = NewIndex())
            await ingest.ApplyAsync(new IndexUpdate(Space, [WithWords("ep-a", ("railroad", Vector(1)), ("drones", Vector(2))), WithWords("ep-b", ("railroad", Vector(1)))], []), default);

        using var sut = NewIndex();
        var query = Vector(99);
        Assert.InRange(sut.WordSimilarity("railroad", query)!.Value - TensorPrimitives.CosineSimilarity(query, Vector(1)), -0.01, 0.01);
        Assert.InRange(sut.WordSimilarity("drones", query)!.Value - TensorPrimitives.CosineSimilarity(query, Vector(2)), -0.01, 0.01);
        Assert.Null(sut.WordSimilarity("wildfire", query));
        // A word vector is no sentence vector.
        Assert.Null(sut.Similarity("railroad", query));
    }

    [Fact]
    public async Task Apply_EpisodeRemoved_ItsWordsStayAndARebuildDropsThem()
    {
        using var sut = NewIndex();
        await sut.ApplyAsync(new IndexUpdate(Space, [WithWords("ep-a", ("railroad", Vector(1))), WithWords("ep-b", ("drones", Vector(2)))], []), default);

        await sut.ApplyAsync(new IndexUpdate(Space, [], ["ep-a"]), default);
        Assert.NotNull(sut.WordSimilarity("railroad", Vector(9)));

        await sut.ApplyAsync(new IndexUpdate(Space, [WithWords("ep-b", ("drones", Vector(2)))], [], Rebuild: true), default);
        Assert.Null(sut.WordSimilarity("railroad", Vector(9)));
        Assert.NotNull(sut.WordSimilarity("drones", Vector(9)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
