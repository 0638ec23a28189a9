using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Formats;

public sealed class HtmlTranscriptTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static EpisodeFileReader Unmerged() => Reading.Reader(new EpisodeReaderOptions { MergeCaptions = false });

    [Fact]
    public async Task Reader_PodcastHtml_ReadsCiteTimeAndParagraphs()
    {
        var path = _folder.Write("ep-4.html", """
            <!DOCTYPE html>
            <html><head><title>Transcript</title>
            <style>p { color: red } </style><script>var p = "<p>not text</p>";</script></head>
            <body>
            <cite>Maya Lind:</cite>
            <time>0:00:05</time>
            <p>Welcome to <b>Small Data</b> &amp; friends.</p>
            <time>0:00:09</time>
            <p>Our guest today
            is Tom.</p>
            <cite>Tom Berg:</cite>
            <time>1:02:03</time>
            <p>Hi!</p>
            </body></html>
            """);

        var result = await Unmerged().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.Equal(["Welcome to Small Data & friends.", "Our guest today is Tom.", "Hi!"], lines.Select(l => l.Text));
        Assert.Equal(["Maya Lind", "Maya Lind", "Tom Berg"], lines.Select(l => l.Speaker));
        Assert.Equal([5d, 9d, 3723d], lines.Select(l => l.StartSec));
        Assert.Equal([7, 9, 13], lines.Select(l => l.SourceLine));
        Assert.DoesNotContain(result.Problems, p => p.Line > 0);
    }

    [Fact]
    public async Task Reader_BrokenHtml_WarnsWithLine()
    {
        var path = _folder.Write("broken.html", """
            <cite>Maya:</cite>
            <p>Before any time.</p>
            <time>half past</time>
            <p>After a broken time.
            <time>0:00:04</time>
            <p>Fine.</p>
            """);

        var result = await Unmerged().ReadOneAsync(path);

        Assert.Equal(["Before any time.", "After a broken time.", "Fine."], result.Episode!.Lines.Select(l => l.Text));
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Message.Contains("<time>half past</time> is not a time"));
        Assert.Contains(result.Problems, p => p.Line == 4 && p.Message.Contains("<p> is not closed"));
        Assert.Contains(result.Problems, p => p.Line == 2 && p.Message.Contains("2 paragraph(s) before the first <time>"));
    }
}
