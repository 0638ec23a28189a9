using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Formats;

public sealed class WebVttTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EpisodeFileReader Unmerged() => Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false });

    [Fact]
    public async Task Reader_WebVtt_ReadsCuesSpeakersAndSkipsBlocks()
    {
        var path = _folder.Write("lean-data-teams.vtt", """
            WEBVTT - Lean data teams
            Kind: captions
            Language: en

            STYLE
            ::cue { color: yellow }

            REGION
            id:fred width:40%

            NOTE recorded live,
            edited afterwards

            intro
            00:00:01.000 --> 00:00:04.500 align:start position:10%
            <v Maya Lind>Welcome to <i>Small Data</i>,
            the show about lean teams.

            00:00:04.500 --> 00:00:07.000
            Today we talk &amp; argue<00:00:05.500> about <c.yellow>warehouses</c>.

            00:00:07.000 --> 00:00:09.000
            <v.loud Tom Berg>Thanks for having me.</v>
            <v Maya Lind>Glad you came.

            59:16.403 --> 1:04:13.283
            A cue past the hour.
            """);

        var result = await Unmerged().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal("lean-data-teams", result.Episode.Id);
        Assert.Equal("Lean data teams", result.Episode.Title);
        Assert.Equal(["Welcome to Small Data , the show about lean teams.", "Today we talk & argue about warehouses .", "Thanks for having me.", "Glad you came.", "A cue past the hour."],
            lines.Select(l => l.Text));
        Assert.Equal(["Maya Lind", "Maya Lind", "Tom Berg", "Maya Lind", "Maya Lind"], lines.Select(l => l.Speaker));
        Assert.Equal([1, 4.5, 7, 7, 3556.403], lines.Select(l => l.StartSec));
        Assert.Equal([15, 19, 22, 22, 26], lines.Select(l => l.SourceLine));
        Assert.DoesNotContain(result.Problems, p => p.Line > 0);
    }

    [Fact]
    public async Task Reader_WebVttMerged_JoinsCaptionsOfOneSpeakerIntoSentences()
    {
        var path = _folder.Write("merge.vtt", """
            WEBVTT

            00:00:00.000 --> 00:00:02.000
            <v Maya>So the first thing we did

            00:00:02.000 --> 00:00:04.000
            was move every table to open formats.

            00:00:04.000 --> 00:00:06.000
            <v Tom>Which one did you pick?
            """);

        var result = await Reading.Reader().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(2, lines.Count);
        Assert.Equal(("Maya", "So the first thing we did was move every table to open formats.", 0d), (lines[0].Speaker, lines[0].Text, lines[0].StartSec));
        Assert.Equal(("Tom", "Which one did you pick?"), (lines[1].Speaker, lines[1].Text));
    }

    [Fact]
    public async Task Reader_BrokenWebVtt_WarnsWithLineAndKeepsTheRest()
    {
        var path = _folder.Write("broken.vtt", """
            WEBVTT

            stray words before any cue

            00:00:01.000 --> 00:00:03.000
            First cue.

            00:00:0x.000 --> 00:00:05.000
            A cue with a broken time.

            00:00:09.000 --> 00:00:08.000
            Ends before it starts.

            00:00:06.000 --> 00:00:07.000
            Goes back.

            99:00:00.000 --> 99:00:01.000
            Absurd.

            00:00:10.000 --> 00:00:11.000
            A cue

            with a blank line inside.
            """);

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal(["First cue.", "Ends before it starts.", "Goes back.", "A cue"], result.Episode!.Lines.Select(l => l.Text));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("no cue timing before it") && p.Message.Contains("stray words"));
        Assert.Contains(result.Problems, p => p.Line == 8 && p.Message.Contains("start '00:00:0x.000' is not a valid"));
        Assert.Contains(result.Problems, p => p.Line == 11 && p.Message.Contains("ends (00:00:08.000) before it starts"));
        Assert.Contains(result.Problems, p => p.Line == 14 && p.Message.Contains("goes back"));
        Assert.Contains(result.Problems, p => p.Line == 17 && p.Message.Contains("beyond 24 hours"));
        Assert.Contains(result.Problems, p => p.Line == 23 && p.Message.Contains("no cue timing before it") && p.Message.Contains("with a blank line inside."));
        Assert.All(result.Problems, p => Assert.True(p.IsWarning));
    }

    [Fact]
    public async Task Reader_WebVttWithoutCues_IsSkippedByName()
    {
        var path = _folder.Write("empty.vtt", "WEBVTT\n\nNOTE nothing here\n");

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Null(result.Episode);
        Assert.Contains("WebVTT captions with no cue", Assert.Single(result.Problems).Message);
    }
}
