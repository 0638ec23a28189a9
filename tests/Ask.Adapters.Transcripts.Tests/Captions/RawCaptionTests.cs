using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Episodes;
using Ask.Core.Ingestion;

namespace Ask.Adapters.Transcripts.Tests.Captions;

public sealed class RawCaptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Failure mode 2: minutes past 59 in the two-part form, and the switch to H:MM:SS.
    [Fact]
    public async Task Reader_CaptionsPastOneHour_KeepIncreasingStarts()
    {
        var path = _folder.Write("captions.txt", "59:58 a\n75:30 b\n1:15:31 c\n");
        var sut = Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false });

        var result = await sut.ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal([3598d, 4530d, 4531d], lines.Select(l => l.StartSec));
        Assert.Equal(["a", "b", "c"], lines.Select(l => l.Text));
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("goes back"));
        Assert.Equal("1:15:30", Timestamp.Format(lines[1].StartSec));
        var episode = result.Episode with { YouTubeId = "vid" };
        Assert.Contains("&t=4530", episode.LinkAt(lines[1].StartSec));
    }

    [Fact]
    public async Task Reader_MergedCaptions_StartAtTheirFirstCaption()
    {
        var path = _folder.Write("merged.txt", """
            0:00 Hi everyone, welcome to our event. This
            0:02 event is brought to you by a community of people who
            0:04 love data.
            0:06 Today we talk about feature stores and why
            0:09 they matter.
            59:58 a
            75:30 b
            1:15:31 c
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal("Hi everyone, welcome to our event. This event is brought to you by a community of people who love data.", lines[0].Text);
        Assert.Equal(0, lines[0].StartSec);
        Assert.Equal(1, lines[0].SourceLine);
        Assert.Equal(6, lines[1].StartSec);
        Assert.Equal(4, lines[1].SourceLine);
        // A long pause ends a line even mid-sentence; the line after it starts at its own first caption.
        Assert.Contains(lines, l => l.StartSec == 4530 && l.SourceLine == 7);
        Assert.Equal(lines.Select(l => l.StartSec).Order(), lines.Select(l => l.StartSec));
    }

    [Fact]
    public async Task Reader_CaptionTimeGoesBack_Warns()
    {
        var path = _folder.Write("back.txt", "0:10 one\n0:05 two\n0:12 three\n");

        var result = await Reading.Reader().ReadOneAsync(path);

        var warning = Assert.Single(result.Problems, p => p.Message.Contains("goes back"));
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public async Task Reader_MojibakeInCaptions_IsRepairedAndAmbiguousFlagged()
    {
        var path = _folder.Write("mojibake.txt", "0:01 It costs â‚¬200 and I donâ€™t mind.\n0:04 Ask KÃ¶nig at PowerHouseâ\"¢ in Walldén.\n");

        var result = await Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false }).ReadOneAsync(path);

        Assert.Equal("It costs €200 and I don't mind.", result.Episode!.Lines[0].Text);
        Assert.Equal("Ask König at PowerHouseâ\"¢ in Walldén.", result.Episode.Lines[1].Text);
        var flagged = Assert.Single(result.Problems, p => p.Message.Contains("mis-decoded"));
        Assert.Equal(2, flagged.Line);
        Assert.True(flagged.IsWarning);
    }

    [Fact]
    public async Task Reader_RawCaptionsAlone_AreIndexedUnderFileNameWithWarning()
    {
        var path = _folder.Write("raw-transcript-theme-parks.txt", "0:00 Hello there.\n0:02 Welcome.\n");

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal("raw-transcript-theme-parks", result.Episode!.Id);
        Assert.Equal("Raw transcript theme parks", result.Episode.Title);
        Assert.Null(result.Episode.Lines[0].Speaker);
        Assert.Contains(result.Problems, p => p.IsWarning && p.Message.Contains("no episode file or metadata"));
    }

    [Fact]
    public async Task Reader_RawCaptionsWithOptions_UseTheGivenMetadata()
    {
        var path = _folder.Write("captions.txt", "0:00 Hello there.\n");
        var options = new EpisodeReaderOptions { EpisodeId = "s21e09", Title = "Theme Parks to Tesla", YouTubeId = "gXvVMvhfrIY", Guests = ["abouzar"] };

        var result = await Reading.Reader(options).ReadOneAsync(path);

        var episode = result.Episode!;
        Assert.Equal("s21e09", episode.Id);
        Assert.Equal("Theme Parks to Tesla", episode.Title);
        Assert.Equal("gXvVMvhfrIY", episode.YouTubeId);
        Assert.Equal(["abouzar"], episode.Guests);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task Reader_SiblingCaptions_SupplyMissingTranscript()
    {
        _folder.Write("talk.md", EpisodeYaml.File("dateadded: 2025-01-01"));
        _folder.Write("talk.txt", "0:00 Hello there.\n0:03 Second sentence here.\n");

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        var result = Assert.Single(results);
        Assert.Equal("talk", result.Episode!.Id);
        Assert.Equal("A Test Episode", result.Episode.Title);
        Assert.Equal("Hello there. Second sentence here.", Assert.Single(result.Episode.Lines).Text);
    }

    [Fact]
    public async Task Reader_SiblingCaptionsBesideTranscript_DoNotReplaceIt()
    {
        _folder.Write("talk.md", EpisodeYaml.File("transcript:\n- line: Edited line.\n  sec: 5\n  who: Host"));
        _folder.Write("talk.captions.txt", "0:00 raw caption one\n0:03 raw caption two\n");

        var result = Assert.Single(await Reading.Reader().ReadAllAsync(_folder.Path));

        Assert.Equal("Edited line.", Assert.Single(result.Episode!.Lines).Text);
        Assert.Contains(result.Problems, p => p.IsWarning && p.Message.Contains("ignored"));
    }

    [Fact]
    public async Task Reader_ExplicitEpisode_CaptionsReplaceTranscriptAndKeepChapters()
    {
        var episode = _folder.Write("episodes/_theme-park.md", EpisodeYaml.File("""
            transcript:
            - header: Intro
            - line: Edited intro.
              sec: 0
            - header: Tesla
            - line: Edited Tesla part.
              sec: 60
            """));
        var captions = _folder.Write("raw/raw-transcript.txt", "0:00 Hello and welcome.\n0:03 Glad to be here.\n1:05 Now about Tesla.\n1:08 It was fun.\n");
        var sut = Reading.Reader(new EpisodeReaderOptions { EpisodeId = "_theme-park" });

        var results = await sut.ReadAllAsync(episode, captions);

        var result = Assert.Single(results);
        Assert.Equal(["Hello and welcome. Glad to be here.", "Now about Tesla. It was fun."], result.Episode!.Lines.Select(l => l.Text));
        Assert.Equal(["Intro", "Tesla"], result.Episode.Lines.Select(l => l.Chapter));
        Assert.Equal(episode, result.Episode.Source);
    }

    [Theory]
    [InlineData("[0:01] Hello there.\n[0:04] Second one.\n")]
    [InlineData("(0:01) Hello there.\n(0:04) Second one.\n")]
    [InlineData("0:01 - Hello there.\n0:04 - Second one.\n")]
    [InlineData("0:01 Hello there.\r\n0:04 Second one.\r\n")]
    public async Task Reader_EveryCaptionForm_IsRead(string captions)
    {
        var path = _folder.WriteBytes("forms.txt", System.Text.Encoding.UTF8.GetBytes(captions));

        var result = await Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false }).ReadOneAsync(path);

        Assert.Equal([(1d, "Hello there."), (4d, "Second one.")], result.Episode!.Lines.Select(l => (l.StartSec, l.Text)));
    }

    [Fact]
    public async Task Reader_UntimedLinesAndBadTimes_ContinueOrAreLeftOutWithTheirText()
    {
        var path = _folder.Write("messy.txt", "intro words\n0:01 Hello there and\nwelcome to the show.\n0:04 Second caption.\n1:75 Broken time.\n0:09 Fourth caption.\n");

        var result = await Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false }).ReadOneAsync(path);

        Assert.Equal([(1d, "Hello there and welcome to the show."), (4d, "Second caption."), (9d, "Fourth caption.")], result.Episode!.Lines.Select(l => (l.StartSec, l.Text)));
        Assert.Contains(result.Problems, p => p.Line == 1 && p.Message.Contains("left out") && p.Message.Contains("'intro words'"));
        Assert.Contains(result.Problems, p => p.Line == 5 && p.Message.Contains("left out") && p.Message.Contains("'1:75 Broken time.'"));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("1 line(s) without a time read as the continuation"));
    }

    [Fact]
    public async Task Reader_MojibakeWithAnUnassignedWindows1252Byte_IsRepairedNotCut()
    {
        // ” is E2 80 9D; Windows-1252 has no character for 9D, so it arrives as the C1 control U+009D.
        var path = _folder.Write("quotes.txt", "0:01 He said â€œyesâ€\u009D to Ã\u0081lvaro.\n0:04 Done.\n");

        var result = await Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false }).ReadOneAsync(path);

        Assert.Equal("He said “yes” to Álvaro.", result.Episode!.Lines[0].Text);
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("control") || p.Message.Contains("mis-decoded"));
    }
}
