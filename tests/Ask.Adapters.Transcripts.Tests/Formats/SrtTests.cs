using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Formats;

public sealed class SrtTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EpisodeFileReader Unmerged() => Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false });

    [Fact]
    public async Task Reader_Srt_ReadsNumberedCuesAndNamePrefixes()
    {
        var path = _folder.Write("episode-3.srt", """
            1
            00:00:01,000 --> 00:00:03,200
            Maya: Welcome back to <i>Small Data</i>.

            2
            00:00:03,200 --> 00:00:05,000
            Today it is all about costs.

            3
            00:00:05,000 --> 00:00:07,000
            [Tom] Hi Maya.
            {\an8}Happy to be here.

            4
            00:00:07,000 --> 00:00:08,000
            [Music]

            5
            01:02:03,500 --> 01:02:05,000
            Maya: That's all for today.
            """);

        var result = await Unmerged().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(["Welcome back to Small Data .", "Today it is all about costs.", "Hi Maya. Happy to be here.", "That's all for today."], lines.Select(l => l.Text));
        Assert.Equal(["Maya", "Maya", "Tom", "Maya"], lines.Select(l => l.Speaker));
        Assert.Equal([1, 3.2, 5, 3723.5], lines.Select(l => l.StartSec));
        Assert.Equal([2, 6, 10, 19], lines.Select(l => l.SourceLine));
    }

    [Fact]
    public async Task Reader_SrtWithSentenceColons_KeepsThemAsText()
    {
        var path = _folder.Write("colons.srt", """
            1
            00:00:01,000 --> 00:00:03,000
            Rule one: never store secrets in code.

            2
            00:00:03,000 --> 00:00:05,000
            Note: this applies to notebooks too.

            3
            00:00:05,000 --> 00:00:07,000
            Here is the thing: nobody reads the docs.
            """);

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal("Note: this applies to notebooks too.", result.Episode!.Lines[1].Text);
        Assert.All(result.Episode.Lines, l => Assert.Null(l.Speaker));
    }

    [Fact]
    public async Task Reader_BrokenSrt_WarnsPerCueAndKeepsTheRest()
    {
        var path = _folder.Write("broken.srt", """
            1
            00:00:01,000 --> 00:00:02,000
            Fine.

            2
            00:00:02,000 -> 00:00:03,000
            An arrow with one dash is no timing.

            3
            00:00:03,000 --> 00:00:04,000
            Missing the blank line after it.
            4
            00:00:04,000 --> 00:00:05,000
            Next.
            """);

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal(["Fine.", "Missing the blank line after it.", "Next."], result.Episode!.Lines.Select(l => l.Text));
        var warning = Assert.Single(result.Problems, p => p.Line > 0);
        Assert.Equal(5, warning.Line);
        Assert.Contains("no cue timing before it", warning.Message);
        Assert.Contains("-> 00:00:03,000 An arrow with one dash", warning.Message);
    }
}
