using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Tests.Formats;

/// <summary>The content decides the format, whatever the file is called.</summary>
public sealed class FormatDetectionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string> Files => new()
    {
        { "webvtt.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello from a text file.\n", "Hello from a text file." },
        { "srt.txt", "1\n00:00:01,000 --> 00:00:02,000\nHello from SRT.\n", "Hello from SRT." },
        { "podcast.txt", "{\"version\":\"1.0.0\",\"segments\":[{\"startTime\":1,\"body\":\"Hello from JSON.\"}]}", "Hello from JSON." },
        { "whisper.md", "{\"segments\":[{\"start\":1,\"end\":2,\"text\":\"Hello from Whisper.\"}]}", "Hello from Whisper." },
        { "page.txt", "<time>0:01</time><p>Hello from HTML.</p>", "Hello from HTML." },
        { "headerless.vtt.txt", "00:00:01.000 --> 00:00:02.000\nNo header.\n", "No header." },
        { "headerless-voices.txt", "1\n00:00:01.000 --> 00:00:02.000\n<v Ann>No header, a voice.\n", "No header, a voice." },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Reader_FileOfAnyName_IsReadByContent(string name, string content, string text)
    {
        var path = _folder.Write(name, content);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(text, Assert.Single(result.Episode!.Lines).Text);
        if (content.Contains("<v Ann>", StringComparison.Ordinal)) Assert.Equal("Ann", result.Episode.Lines[0].Speaker);
        Assert.Equal(1, result.Episode.Lines[0].StartSec);
    }

    [Fact]
    public async Task Reader_ChaptersJsonNamedTxt_IsReadAsChapters()
    {
        _folder.Write("show.md", "---\ntitle: Show\n---\n");
        _folder.Write("show.captions.txt", "0:01 Hello there everyone.\n0:04 Still the start.\n0:41 Second part.\n0:44 Still later.\n");
        _folder.Write("show.chapters.txt", "{\"chapters\":[{\"startTime\":0,\"title\":\"Start\"},{\"startTime\":40,\"title\":\"Later\"}]}");

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        var episode = Assert.Single(results, r => r.Episode is not null).Episode!;
        Assert.Equal(["Start", "Later"], episode.Lines.Select(l => l.Chapter).Distinct());
    }

    [Fact]
    public async Task Reader_RawCaptionsOpeningWithBrackets_StayRawCaptions()
    {
        var path = _folder.Write("bracketed.txt", "[0:01] Hello.\n[0:03] World.\n");

        var result = await Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false }).ReadOneAsync(path);

        Assert.Equal(["Hello.", "World."], result.Episode!.Lines.Select(l => l.Text));
        Assert.Contains("raw captions with no episode file", result.Problems[0].Message);
    }

    [Fact]
    public async Task Reader_FolderOfTranscriptFiles_ReadsEveryFormat()
    {
        _folder.Write("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA.\n");
        _folder.Write("b.srt", "1\n00:00:01,000 --> 00:00:02,000\nB.\n");
        _folder.Write("c.json", "{\"segments\":[{\"startTime\":1,\"body\":\"C.\"}]}");
        _folder.Write("d.html", "<time>0:01</time><p>D.</p>");
        _folder.Write("e.htm", "<html><body>no transcript here</body></html>");

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        Assert.Equal(["a", "b", "c", "d"], results.Where(r => r.Episode is not null).Select(r => r.Episode!.Id));
        var skipped = Assert.Single(results, r => r.Episode is null);
        Assert.Equal(SkipReason.Unreadable, skipped.SkipReason);
    }
}
