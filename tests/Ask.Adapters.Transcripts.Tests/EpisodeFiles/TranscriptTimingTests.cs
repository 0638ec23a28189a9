using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.EpisodeFiles;

public sealed class TranscriptTimingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Failure mode 1: YAML 1.1 reads unquoted 12:30 as the base-60 integer 750, and 37:567 is not a time at all.
    [Fact]
    public async Task Reader_UnquotedTime_UsesSec()
    {
        var path = _folder.Write("times.md", EpisodeYaml.File("""
            transcript:
            - line: First.
              time: 12:30
              sec: 750
              who: Host
            - line: Second.
              time: 0:33
              sec: 33
              who: Host
            - line: Third.
              sec: 2787
              time: 37:567
              who: Guest
            """));
        var sut = Reading.Reader();

        var result = await sut.ReadOneAsync(path);

        Assert.Equal([750d, 33d, 2787d], result.Episode!.Lines.Select(l => l.StartSec));
        Assert.All(result.Episode.Lines, l => Assert.False(l.StartIsEstimated));
        var invalid = Assert.Single(result.Problems, p => p.Message.Contains("37:567"));
        Assert.True(invalid.IsWarning);
        Assert.Equal(path, invalid.File);
        Assert.Equal(LineOf(path, "time: 37:567"), invalid.Line);
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("'12:30'") || p.Message.Contains("'0:33'"));
    }

    [Fact]
    public async Task Reader_TimeDisagreesWithSec_WarnsAndUsesSec()
    {
        var path = _folder.Write("disagree.md", EpisodeYaml.File("""
            transcript:
            - line: Hello.
              sec: 75
              time: '1:00'
              who: Host
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(75, Assert.Single(result.Episode!.Lines).StartSec);
        var warning = Assert.Single(result.Problems);
        Assert.True(warning.IsWarning);
        Assert.Contains("disagrees with sec 75", warning.Message);
        Assert.Equal(LineOf(path, "time: '1:00'"), warning.Line);
    }

    [Fact]
    public async Task Reader_QuotedAndLongTimes_AgreeWithSecWithoutWarnings()
    {
        var path = _folder.Write("long.md", EpisodeYaml.File("""
            transcript:
            - line: Quoted.
              sec: 85
              time: '1:25'
              who: Host
            - line: Past the hour.
              sec: 3666
              time: 1:01:06
              who: Guest
            - line: Double-quoted long form.
              sec: 3700
              time: "1:01:40"
              who: Guest
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal([85d, 3666d, 3700d], result.Episode!.Lines.Select(l => l.StartSec));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public async Task Reader_SpeakerWrittenAsLabel_ColonDropped()
    {
        var path = _folder.Write("labels.md", EpisodeYaml.File("""
            transcript:
            - line: Hi.
              sec: 1
              who: 'Theo:'
            - line: Hello.
              sec: 3
              who: ' Alexey '
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(["Theo", "Alexey"], result.Episode!.Lines.Select(l => l.Speaker));
    }

    [Fact]
    public async Task Reader_SecGoesBackwards_WarnsWithLine()
    {
        var path = _folder.Write("back.md", EpisodeYaml.File("""
            transcript:
            - line: Later.
              sec: 2866
              who: Host
            - line: Earlier.
              sec: 2864
              who: Guest
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal([2866d, 2864d], result.Episode!.Lines.Select(l => l.StartSec));
        var warning = Assert.Single(result.Problems);
        Assert.Contains("goes back", warning.Message);
        Assert.Equal(LineOf(path, "sec: 2864"), warning.Line);
    }

    [Fact]
    public async Task Reader_LinesWithoutSec_AreEstimatedByWordsBetweenNeighbours()
    {
        var path = _folder.Write("estimate.md", EpisodeYaml.File("""
            transcript:
            - line: one two three four five
              who: Host
            - line: one two three four five
              sec: 100
              who: Host
            - line: one two three four five
              who: Guest
            - line: one two three four five six seven eight nine ten
              who: Guest
            - line: one two three four five
              sec: 120
              who: Host
            - line: one two three four five
              who: Guest
            - line: one two three four five
              who: Guest
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        // Before the first known start: counted back at 2.5 words/s from 100.
        Assert.Equal(98, lines[0].StartSec);
        // From 100 to 120 are 20 words (5 + 5 + 10): the third line starts after 5 of them, the fourth after 10.
        Assert.Equal([105d, 110d], lines.Skip(2).Take(2).Select(l => l.StartSec));
        // After the last known start: 2.5 words/s onward from 120.
        Assert.Equal([122d, 124d], lines.Skip(5).Select(l => l.StartSec));
        Assert.Equal([true, false, true, true, false, true, true], lines.Select(l => l.StartIsEstimated));
        var note = Assert.Single(result.Problems);
        Assert.Contains("5 transcript line(s) have no sec", note.Message);
        Assert.Equal(LineOf(path, "- line: one two three four five"), note.Line);
    }

    [Fact]
    public async Task Reader_NoSecAnywhere_StartsAtZeroAtSpeakingPace()
    {
        var path = _folder.Write("nosec.md", EpisodeYaml.File("""
            transcript:
            - line: one two three four five
            - line: one two three four five
            """));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal([0d, 2d], result.Episode!.Lines.Select(l => l.StartSec));
        Assert.All(result.Episode.Lines, l => Assert.True(l.StartIsEstimated));
    }

    private static int LineOf(string path, string text) =>
        Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
