using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Tests.EpisodeFiles;

public sealed class EpisodeMetadataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_FullFile_ReadsMetadataChaptersAndClips()
    {
        var path = _folder.Write("lean-mlops.md", """
            ---
            title: 'Lean MLOps: SaaS-First Stack'
            short: Lean MLOps
            season: 20
            episode: 4
            guests:
            - nemanja
            - alexey
            ids:
              anchor: something
              youtube: DX9c__a4jzg
            unknownKey: [1, 2, 3]
            dateadded: 2025-03-15
            duration: PT01H01M06S
            quotableClips:
            - name: Intro
              startOffset: 0
              url: https://www.youtube.com/watch?v=DX9c__a4jzg&t=0
              endOffset: 60
            transcript:
            - header: Introduction
            - line: Welcome to the show.
              sec: 60
              time: '1:00'
              who: Alexey
            - line: Thanks for having me.
              sec: 70
              time: '1:10'
              who: Nemanja
            - header: 'Career: Academia to Industry'
            - line: I started in academia.
              sec: 135
              time: '2:15'
              who: Nemanja
            ---
            Links below.
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        var episode = result.Episode!;
        Assert.Empty(result.Problems);
        Assert.Equal("lean-mlops", episode.Id);
        Assert.Equal("Lean MLOps: SaaS-First Stack", episode.Title);
        Assert.Equal("Lean MLOps", episode.Short);
        Assert.Equal(["nemanja", "alexey"], episode.Guests);
        Assert.Equal(20, episode.Season);
        Assert.Equal(4, episode.Number);
        Assert.Equal("DX9c__a4jzg", episode.YouTubeId);
        Assert.Equal(new DateOnly(2025, 3, 15), episode.Date);
        Assert.Equal(new TimeSpan(1, 1, 6), episode.Duration);
        Assert.Equal(path, episode.Source);
        Assert.False(episode.IsSample);
        Assert.Equal([new Chapter(60, "Introduction"), new Chapter(135, "Career: Academia to Industry")], episode.Chapters);
        Assert.Equal(["Introduction", "Introduction", "Career: Academia to Industry"], episode.Lines.Select(l => l.Chapter));
        Assert.Equal(["Alexey", "Nemanja", "Nemanja"], episode.Lines.Select(l => l.Speaker));
        Assert.Equal(new QuotableClip("Intro", 0, 60, "https://www.youtube.com/watch?v=DX9c__a4jzg&t=0"), Assert.Single(episode.Clips));
    }

    [Fact]
    public async Task Reader_KeysInAnotherOrder_ReadsTheSameEpisode()
    {
        // The seed file's shape: keys sorted, clips after the transcript, a quoted date.
        var path = _folder.Write("reordered.md", """
            ---
            transcript:
            - line: Welcome.
              who: Host
              time: '0:05'
              sec: 5
            quotableClips:
            - url: https://www.youtube.com/watch?v=x&t=0
              endOffset: 30
              startOffset: 0
              name: Intro
            title: Reordered
            season: 1
            episode: 2
            guests: [a, b]
            dateadded: '2025-03-15'
            ---
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        var episode = result.Episode!;
        Assert.Equal("Reordered", episode.Title);
        Assert.Equal(["a", "b"], episode.Guests);
        Assert.Equal(new DateOnly(2025, 3, 15), episode.Date);
        Assert.Equal(5, Assert.Single(episode.Lines).StartSec);
        Assert.Equal(30, Assert.Single(episode.Clips).EndSec);
    }

    [Fact]
    public async Task Reader_NoIdsYoutube_TakesVideoIdFromLink()
    {
        var path = _folder.Write("link.md", """
            ---
            title: Link only
            links:
              youtube: https://www.youtube.com/watch?v=FRi0SUtxdMw&list=abc
            ---
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal("FRi0SUtxdMw", result.Episode!.YouTubeId);
    }

    [Fact]
    public async Task Reader_DurationWithoutMinutes_IsParsed()
    {
        var path = _folder.Write("duration.md", EpisodeYaml.File("duration: PT01H35S"));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(TimeSpan.FromSeconds(3635), result.Episode!.Duration);
    }

    [Fact]
    public async Task Reader_ClipEndsBeforeItStarts_WarnsAndKeepsClampedClip()
    {
        var path = _folder.Write("clip.md", EpisodeYaml.File("""
            quotableClips:
            - name: Closing Remarks
              startOffset: 3701
              url: https://www.youtube.com/watch?v=DX9c__a4jzg&t=3701
              endOffset: 3666
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        var clip = Assert.Single(result.Episode!.Clips);
        Assert.Equal(3701, clip.StartSec);
        Assert.Equal(3701, clip.EndSec);
        var warning = Assert.Single(result.Problems);
        Assert.True(warning.IsWarning);
        Assert.Contains("ends (3666) before it starts (3701)", warning.Message);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(path), l => l.Contains("endOffset: 3666")) + 1, warning.Line);
    }

    [Fact]
    public async Task Reader_StrayLineBeforeFrontMatter_IsToleratedAndLinesCountFromFileStart()
    {
        var path = _folder.Write("_stray.md", "_\n" + EpisodeYaml.File("""
            transcript:
            - line: Hello.
              sec: 1
              who: Host
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        var line = Assert.Single(result.Episode!.Lines);
        Assert.Equal("A Test Episode", result.Episode.Title);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(path), l => l.StartsWith("- line: Hello.")) + 1, line.SourceLine);
    }

    [Theory]
    [InlineData("hiring-for-data.md.md", "hiring-for-data")]
    [InlineData("plain.md", "plain")]
    [InlineData("_s12e08.md", "_s12e08")]
    public async Task Reader_FileName_GivesEpisodeId(string fileName, string id)
    {
        var path = _folder.Write(fileName, EpisodeYaml.File("""
            transcript:
            - line: Hello.
              sec: 1
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(id, result.Episode!.Id);
        Assert.True(result.Episode.HasTranscript); // drafts (leading "_") are read like any other file
    }

    [Fact]
    public async Task Reader_NoTranscript_ReturnsEpisodeWithZeroLines()
    {
        var path = _folder.Write("metadata-only.md", EpisodeYaml.File("dateadded: 2024-04-28"));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.NotNull(result.Episode);
        Assert.Empty(result.Episode.Lines);
        Assert.Null(result.SkipReason);
    }

    [Fact]
    public async Task Reader_SampleKey_SetsIsSample()
    {
        var path = _folder.Write("sample.md", EpisodeYaml.File("sample: true"));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.True(result.Episode!.IsSample);
    }

    [Fact]
    public async Task Reader_TxtFileWithFrontMatter_IsReadAsEpisodeFile()
    {
        var path = _folder.Write("actually-an-episode.txt", EpisodeYaml.File("""
            transcript:
            - line: Hello from a .txt file.
              sec: 3
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal("actually-an-episode", result.Episode!.Id);
        Assert.Equal("A Test Episode", result.Episode.Title);
        Assert.Equal(3, Assert.Single(result.Episode.Lines).StartSec);
    }
}
