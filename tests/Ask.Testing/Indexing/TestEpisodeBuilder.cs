using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;

namespace Ask.Testing.Indexing;

/// <summary>
/// Builds an <see cref="IndexedEpisode"/> for index tests: chunks with transcript lines, speakers and
/// times laid out predictably, and a deterministic vector per chunk (<see cref="VectorFor"/>).
/// </summary>
public sealed class TestEpisodeBuilder(string episodeId)
{
    /// <summary>Seconds between two rows of a chunk; a chunk spans one minute at most.</summary>
    public const double RowSeconds = 15;

    private readonly List<string[]> _chunks = [];
    private readonly Dictionary<int, float[]> _vectors = [];
    private string _title = $"Episode {episodeId}";
    private string[] _guests = [];
    private int? _season;
    private int? _number;
    private string? _youTubeId;
    private string? _chapter;
    private Podcast _podcast = Podcast.DataTalksClub;
    private string? _audioUrl;
    private string? _pageUrl;
    private string _fingerprint = $"fp-{episodeId}-1";

    public string EpisodeId => episodeId;

    public TestEpisodeBuilder WithTitle(string title) { _title = title; return this; }

    public TestEpisodeBuilder WithGuests(params string[] guests) { _guests = guests; return this; }

    public TestEpisodeBuilder InSeason(int season, int? number = null) { _season = season; _number = number; return this; }

    public TestEpisodeBuilder WithYouTubeId(string youTubeId) { _youTubeId = youTubeId; return this; }

    public TestEpisodeBuilder InPodcast(Podcast podcast) { _podcast = podcast; return this; }

    public TestEpisodeBuilder WithAudio(string? audioUrl, string? pageUrl = null) { _audioUrl = audioUrl; _pageUrl = pageUrl; return this; }

    public TestEpisodeBuilder WithChapter(string? chapter) { _chapter = chapter; return this; }

    public TestEpisodeBuilder WithFingerprint(string fingerprint) { _fingerprint = fingerprint; return this; }

    /// <summary>Adds one chunk made of <paramref name="rows"/>; speakers alternate between the host and the first guest.</summary>
    public TestEpisodeBuilder WithChunk(params string[] rows)
    {
        if (rows.Length == 0) throw new ArgumentException("A chunk needs at least one row.", nameof(rows));
        _chunks.Add(rows);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> chunks of plain filler text that no test searches for.</summary>
    public TestEpisodeBuilder WithChunks(int count, string topic = "everyday engineering")
    {
        for (var i = 0; i < count; i++)
        {
            var ordinal = _chunks.Count;
            WithChunk(
                $"Part {ordinal} of {_title}: the host opens with a question about {topic}.",
                $"The guest answers with a story about {topic} and the team behind it.");
        }
        return this;
    }

    /// <summary>Overrides the vector of the chunk at <paramref name="ordinal"/>.</summary>
    public TestEpisodeBuilder WithVector(int ordinal, float[] vector) { _vectors[ordinal] = vector; return this; }

    /// <summary>The vector a chunk gets unless <see cref="WithVector"/> replaced it.</summary>
    public static float[] VectorFor(string episodeId, int ordinal, int dimensions) =>
        TestVectors.For($"{episodeId}#{ordinal}", dimensions);

    public IndexedEpisode Build(EmbeddingSpace space)
    {
        var chunks = new List<EmbeddedChunk>(_chunks.Count);
        var lineIndex = 0;
        for (var ordinal = 0; ordinal < _chunks.Count; ordinal++)
        {
            var rows = _chunks[ordinal];
            var start = ordinal * 60.0;
            var lines = new List<ChunkLine>(rows.Length);
            var offset = 0;
            for (var r = 0; r < rows.Length; r++)
            {
                var speaker = r % 2 == 0 ? "Host" : _guests.FirstOrDefault() ?? "Guest";
                lines.Add(new ChunkLine(start + r * RowSeconds, speaker, offset, rows[r].Length, lineIndex++));
                offset += rows[r].Length + 1;
            }
            var chunk = new Chunk(episodeId, ordinal, _title, _chapter, start, start + rows.Length * RowSeconds, string.Join('\n', rows), lines)
            {
                Guests = _guests,
                Season = _season,
                EpisodeNumber = _number,
                YouTubeId = _youTubeId,
                Podcast = _podcast,
                AudioUrl = _audioUrl,
                PageUrl = _pageUrl,
            };
            var vector = _vectors.TryGetValue(ordinal, out var v) ? v : VectorFor(episodeId, ordinal, space.Dimensions);
            if (vector.Length != space.Dimensions)
                throw new InvalidOperationException($"The vector of {chunk.Id} has {vector.Length} dimensions, the space {space.Dimensions}.");
            chunks.Add(new EmbeddedChunk(chunk, vector));
        }
        return new IndexedEpisode(episodeId, _fingerprint, chunks);
    }
}
