using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Formats;

public sealed class JsonTranscriptTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EpisodeFileReader Unmerged() => Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false });

    [Fact]
    public async Task Reader_PodcastJson_ReadsSegmentsWithSpeakers()
    {
        var path = _folder.Write("ep-1.json", """
            {
              "version": "1.0.0",
              "segments": [
                { "speaker": "Maya Lind", "startTime": 0.5, "endTime": 3.1, "body": "Welcome to Small Data." },
                { "startTime": 3.1, "endTime": 6.0, "body": "Today: costs." },
                { "speaker": "Tom Berg", "startTime": "6.25", "endTime": 9, "body": "Thanks &amp; hello." }
              ]
            }
            """);

        var result = await Unmerged().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(["Welcome to Small Data.", "Today: costs.", "Thanks &amp; hello."], lines.Select(l => l.Text));
        Assert.Equal(["Maya Lind", "Maya Lind", "Tom Berg"], lines.Select(l => l.Speaker));
        Assert.Equal([0.5, 3.1, 6.25], lines.Select(l => l.StartSec));
        Assert.Equal([4, 5, 6], lines.Select(l => l.SourceLine));
        Assert.Equal("ep-1", result.Episode.Id);
    }

    [Fact]
    public async Task Reader_WordLevelJson_IsMergedIntoSentences()
    {
        var words = "So we moved every table to open formats , and the bill dropped by half . Then we hired .".Split(' ');
        var segments = words.Select((w, i) => $$"""{ "speaker": "Maya", "startTime": {{i * 0.4:0.0}}, "endTime": {{i * 0.4 + 0.4:0.0}}, "body": "{{w}}" }""");
        var path = _folder.Write("words.json", "{\"version\":\"1.0.0\",\"segments\":[\n" + string.Join(",\n", segments) + "\n]}");

        var result = await Reading.Reader().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(["So we moved every table to open formats, and the bill dropped by half.", "Then we hired."], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal("Maya", l.Speaker));
        Assert.Equal(0, lines[0].StartSec);
    }

    [Fact]
    public async Task Reader_WhisperJson_ReadsStartAndText()
    {
        var path = _folder.Write("whisper.json", """
            {"text": " Hello there. This is Small Data.", "language": "en",
             "segments": [
              {"id": 0, "seek": 0, "start": 0.0, "end": 2.0, "text": " Hello there.", "tokens": [50364, 2425], "speaker": "SPEAKER_00",
               "words": [{"word": "Hello", "start": 0.0, "end": 0.5}, {"word": "there.", "start": 0.5, "end": 1.0}]},
              {"id": 1, "seek": 0, "start": 2.0, "end": 4.0, "text": " This is Small Data."}
             ]}
            """);

        var result = await Unmerged().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(["Hello there.", "This is Small Data."], lines.Select(l => l.Text));
        Assert.Equal(["SPEAKER_00", "SPEAKER_00"], lines.Select(l => l.Speaker));
        Assert.Equal([0d, 2d], lines.Select(l => l.StartSec));
    }

    [Fact]
    public async Task Reader_ChaptersJson_AttachToTheEpisodeOfTheSameName()
    {
        _folder.Write("ep-2.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n\n00:02:00.000 --> 00:02:02.000\nCosts now.\n");
        _folder.Write("ep-2.chapters.json", """
            {"version": "1.2.0", "chapters": [
              {"startTime": 0, "title": "Intro"},
              {"startTime": 120, "title": "Costs", "img": "https://example.org/c.png"},
              {"startTime": 150, "title": "Hidden", "toc": false}
            ]}
            """);

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        var episode = Assert.Single(results).Episode!;
        Assert.Equal(["Intro", "Costs", "Hidden"], episode.Chapters.Select(c => c.Title));
        Assert.Equal(["Intro", "Costs"], episode.Lines.Select(l => l.Chapter));
    }

    [Fact]
    public async Task Reader_BrokenJsonItems_WarnWithLineAndIndex()
    {
        var path = _folder.Write("broken.json", """
            {"segments": [
              {"startTime": 1, "body": "Fine."},
              {"startTime": "soon", "body": "No time."},
              {"startTime": 2},
              {"startTime": -4, "body": "Below zero."},
              {"startTime": 0.5, "body": "Goes back."}
            ]}
            """);

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal(["Fine.", "Goes back."], result.Episode!.Lines.Select(l => l.Text));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("segment 1 left out") && p.Message.Contains("No time."));
        Assert.Contains(result.Problems, p => p.Line == 4 && p.Message.Contains("segment 2 left out: it has no \"body\""));
        Assert.Contains(result.Problems, p => p.Line == 5 && p.Message.Contains("below zero"));
        Assert.Contains(result.Problems, p => p.Line == 6 && p.Message.Contains("goes back"));
    }

    [Fact]
    public async Task Reader_BrokenChapterItems_WarnWithLineAndIndex()
    {
        var path = _folder.Write("c.chapters.json", """
            {"chapters": [
              {"startTime": 0, "title": "Intro"},
              {"title": "No start"},
              {"startTime": 60}
            ]}
            """);

        var result = await Reading.Reader(new EpisodeReaderOptions { EpisodeId = "absent" }).ReadOneAsync(path);

        Assert.Null(result.Episode);
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("chapter 1 left out") && p.Message.Contains("No start"));
        Assert.Contains(result.Problems, p => p.Line == 4 && p.Message.Contains("chapter 2 without a title"));
        Assert.Contains(result.Problems, p => p.Message.Contains("chapter list with no episode to attach to"));
    }

    [Fact]
    public async Task Reader_MojibakeAndEscapedControlsInJson_AreRepairedAndRemoved()
    {
        var path = _folder.Write("mojibake.json", "{\"segments\":[{\"startTime\":1,\"body\":\"I donâ€™t mind\\u0007 paying â‚¬200.\\u202E\"}]}");

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal("I don't mind paying €200.", Assert.Single(result.Episode!.Lines).Text);
    }

    [Theory]
    [InlineData("{\"segments\": [ {\"startTime\": 1, \"body\": \"a\"}, \n\n oops ]}", 3, "not valid JSON")]
    [InlineData("{\"episodes\": []}", 1, "neither a transcript")]
    [InlineData("{\"segments\": []}", 0, "\"segments\" array is empty")]
    public async Task Reader_UnusableJson_IsSkippedWithLineAndReason(string json, int line, string reason)
    {
        var path = _folder.Write("bad.json", json);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Null(result.Episode);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(line, problem.Line);
        Assert.Contains(reason, problem.Message);
        Assert.False(problem.IsWarning);
    }
}
