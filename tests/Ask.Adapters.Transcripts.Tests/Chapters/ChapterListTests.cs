using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Tests.Chapters;

public sealed class ChapterListTests : IDisposable
{
    private const string ChapterList = """
        00:01:14 Episode Introduction: MLOps & ML platform conversation
        00:04:42 MLOps Definition: People, processes, and technology
        01:02:10 Wrap-Up
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_ChapterListBesideEpisodeWithoutHeaders_AssignsChaptersByTime()
    {
        _folder.Write("platform.md", EpisodeYaml.File("""
            transcript:
            - line: Before any chapter.
              sec: 10
            - line: Introduction.
              sec: 74
            - line: Definitions.
              sec: 300
            - line: Goodbye.
              sec: 3735
            """));
        _folder.Write("platform.chapters.txt", ChapterList);

        var result = Assert.Single(await Reading.Reader().ReadAllAsync(_folder.Path));

        var episode = result.Episode!;
        Assert.Equal(
            [new Chapter(74, "Episode Introduction", "MLOps & ML platform conversation"), new Chapter(282, "MLOps Definition", "People, processes, and technology"), new Chapter(3730, "Wrap-Up")],
            episode.Chapters);
        Assert.Equal([null, "Episode Introduction", "MLOps Definition", "Wrap-Up"], episode.Lines.Select(l => l.Chapter));
    }

    [Fact]
    public async Task Reader_ChapterListBesideEpisodeWithHeaders_KeepsHeadersAndWarns()
    {
        _folder.Write("platform.md", EpisodeYaml.File("transcript:\n- header: Own header\n- line: Hi.\n  sec: 80"));
        _folder.Write("platform.chapters.txt", ChapterList);

        var result = Assert.Single(await Reading.Reader().ReadAllAsync(_folder.Path));

        Assert.Equal("Own header", Assert.Single(result.Episode!.Lines).Chapter);
        Assert.Equal("Own header", Assert.Single(result.Episode.Chapters).Title);
        Assert.Contains(result.Problems, p => p.Message.Contains("chapter list") && p.Message.Contains("ignored"));
    }

    [Fact]
    public async Task Reader_ChapterListForNamedEpisode_ReplacesItsChapters()
    {
        var episode = _folder.Write("building-production-ml-platform.md", EpisodeYaml.File("transcript:\n- header: Own header\n- line: Hi.\n  sec: 80"));
        var chapters = _folder.Write("chapters-for-it.txt", ChapterList);
        var sut = Reading.Reader(new EpisodeReaderOptions { EpisodeId = "building-production-ml-platform" });

        var result = Assert.Single(await sut.ReadAllAsync(episode, chapters));

        Assert.Equal(3, result.Episode!.Chapters.Count);
        Assert.Equal("Episode Introduction", Assert.Single(result.Episode.Lines).Chapter);
    }

    [Fact]
    public async Task Reader_ChapterListWithNothingToAttachTo_IsSkippedAsUnattached()
    {
        var path = _folder.Write("chapters-building-production-ml-platform.txt", ChapterList);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Null(result.Episode);
        Assert.Equal(SkipReason.Unattached, result.SkipReason);
    }

    [Fact]
    public async Task Reader_ChapterWithoutTitle_GetsAPlaceholderAndAWarning()
    {
        _folder.Write("talk.md", EpisodeYaml.File("transcript:\n- line: Hi.\n  sec: 10\n- line: Later.\n  sec: 400"));
        _folder.Write("talk.chapters.txt", "00:00:00 Intro\n00:05:00\n00:10:00 End\n");

        var result = Assert.Single(await Reading.Reader().ReadAllAsync(_folder.Path));

        Assert.Equal(["Intro", "Chapter at 5:00", "End"], result.Episode!.Chapters.Select(c => c.Title));
        Assert.Equal(["Intro", "Chapter at 5:00"], result.Episode.Lines.Select(l => l.Chapter));
        Assert.Contains(result.Problems, p => p.Line == 2 && p.IsWarning && p.Message.Contains("chapter without a title"));
    }
}
