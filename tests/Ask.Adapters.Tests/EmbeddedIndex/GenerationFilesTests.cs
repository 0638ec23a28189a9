using System.Security.Cryptography;
using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Ask.Testing.Indexing;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>
/// The files of a generation are a format other versions read and the fault tests compare: how the writer
/// gets them onto the disk (streamed, row by row) must not change a byte of them. The checksums below were
/// taken from the writer that built the whole generation in memory first, for the same input.
/// </summary>
public sealed class GenerationFilesTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("test-embedder", 24);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ask-generation-files-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Apply_PreviousGenerationPlusUpserts_WritesTheSameBytesAsTheInMemoryWriter()
    {
        using var sut = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);
        await sut.ApplyAsync(new IndexUpdate(Space,
        [
            Episode("ep-a", 3, "vendor lock-in", ["Lock-in is a cost you pay later.", "Thanks for joining us today."], ["lock-in", "vendor", "warehouse"]),
            Episode("ep-b", 2, "feature stores", ["A feature store keeps training and serving apart.", "Thanks for joining us today."], ["feature", "vendor"]),
            Episode("ep-c", 4, "streaming joins", ["Late events need a watermark."], ["watermark", "kafka"]),
        ], []), default);

        // ep-a changes, ep-c goes, ep-d arrives from another podcast; ep-b stays as the previous generation wrote it.
        await sut.ApplyAsync(new IndexUpdate(Space,
        [
            Episode("ep-a", 2, "vendor exit", ["Lock-in is a cost you pay later.", "We moved the views in a month."], ["lock-in", "exit", "kafka"], fingerprint: "2"),
            Episode("ep-d", 3, "on-call rotations", ["Nobody should be on call alone.", "Thanks for joining us today."], ["pager", "rotation", "vendor"],
                podcast: new Podcast("ops-talk", "Ops Talk")),
        ], ["ep-c"]), default);

        var generation = Path.Combine(_directory, File.ReadAllText(Path.Combine(_directory, "CURRENT")).Trim());
        Assert.Equal(Expected, Checksums(generation));
    }

    [Fact]
    public async Task Apply_VectorsTakenFromTheCurrentGeneration_WritesTheSameBytesAsTheOriginalVectors()
    {
        // Two indexes get the same two updates, except that one's second update carries the vectors the
        // first generation returns for texts it already holds, as an ingest does for an edited episode.
        var reusing = Path.Combine(_directory, "reusing");
        var fresh = Path.Combine(_directory, "fresh");
        var before = Episode("ep-a", 3, "vendor lock-in", ["Lock-in is a cost you pay later.", "Thanks for joining us today."], ["lock-in", "vendor", "warehouse"]);
        var after = Episode("ep-a", 3, "vendor exit", ["Lock-in is a cost you pay later.", "Thanks for joining us today.", "We moved the views in a month."],
            ["lock-in", "vendor", "exit"], fingerprint: "2");
        using var reusingIndex = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = reusing }, TimeProvider.System);
        using var freshIndex = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = fresh }, TimeProvider.System);
        await reusingIndex.ApplyAsync(new IndexUpdate(Space, [before], []), default);
        await freshIndex.ApplyAsync(new IndexUpdate(Space, [before], []), default);

        var stored = await reusingIndex.GetStoredTextVectorsAsync([.. after.Sentences.Select(s => s.Text), .. after.Words.Select(w => w.Text)], default);
        Assert.Equal(["Lock-in is a cost you pay later.", "Thanks for joining us today.", "lock-in", "vendor"], stored.Keys.Order(StringComparer.Ordinal));
        var reused = after with
        {
            Sentences = after.Sentences.Select(s => stored.TryGetValue(s.Text, out var v) ? s with { Vector = v } : s).ToArray(),
            Words = after.Words.Select(w => stored.TryGetValue(w.Text, out var v) ? w with { Vector = v } : w).ToArray(),
        };
        Assert.NotEqual(after.Sentences[0].Vector.ToArray(), reused.Sentences[0].Vector.ToArray());
        await reusingIndex.ApplyAsync(new IndexUpdate(Space, [reused], []), default);
        await freshIndex.ApplyAsync(new IndexUpdate(Space, [after], []), default);

        Assert.Equal(Checksums(CurrentGeneration(fresh)), Checksums(CurrentGeneration(reusing)));
    }

    [Fact]
    public async Task GetStoredTextVectors_NoIndexYet_FindsNothing()
    {
        using var sut = new EmbeddedChunkIndex(new EmbeddedIndexOptions { Directory = _directory }, TimeProvider.System);

        Assert.Empty(await sut.GetStoredTextVectorsAsync(["Lock-in is a cost you pay later.", "vendor"], default));
    }

    private static string CurrentGeneration(string directory) =>
        Path.Combine(directory, File.ReadAllText(Path.Combine(directory, "CURRENT")).Trim());

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["chunks.json"] = "a3c0400c9ade2f1ad94feee15f714e9f6ccf175b2b8ff5fd28c47667c0faa1b9",
        ["vectors.f32"] = "e54b8001eb2f2823c16e35529d189e86f2cdc8ad7ca204a9f6382222cf4a81e0",
        ["sentences.i8"] = "9644af27862842804e0c21dcd55afe485383a2f56f46351aee3b93f1930011cc",
        ["words.i8"] = "450cae58813be9bbffa08c612dbd5f8cfb99d11eeac9421f1bbe38d0794c6797",
        ["lexical/_0.cfs"] = "36f3fe9e59e17ba150b1a9df38c858e1dadee37c84ffbcb9439fa534d68989f8",
    };

    private static Dictionary<string, string> Checksums(string generation) =>
        Expected.Keys.ToDictionary(file => file, file => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(generation, file)))),
            StringComparer.Ordinal);

    /// <summary>
    /// An episode whose vectors are not of unit length (the writer normalises chunk vectors and scales text
    /// vectors itself) and whose texts repeat across episodes and ingests, as real transcripts' do.
    /// </summary>
    private static IndexedEpisode Episode(string id, int chunks, string topic, string[] sentences, string[] words, string fingerprint = "1",
        Podcast? podcast = null)
    {
        var builder = new TestEpisodeBuilder(id).WithChunks(chunks, topic).WithGuests("Ravi").InSeason(3, 7).WithFingerprint($"fp-{id}-{fingerprint}");
        if (podcast is not null) builder.InPodcast(podcast);
        for (var ordinal = 0; ordinal < chunks; ordinal++)
            builder.WithVector(ordinal, Scaled(TestVectors.For($"{id}#{topic}#{ordinal}", Space.Dimensions), 0.5f + ordinal));
        return builder.Build(Space) with
        {
            Sentences = sentences.Select((s, i) => new EmbeddedSentence(s, Scaled(TestVectors.For(s, Space.Dimensions), 3f + i))).ToArray(),
            Words = words.Select(w => new EmbeddedWord(w, Scaled(TestVectors.For(w, Space.Dimensions), 0.25f))).ToArray(),
        };
    }

    private static float[] Scaled(float[] vector, float factor) => vector.Select(v => v * factor).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
