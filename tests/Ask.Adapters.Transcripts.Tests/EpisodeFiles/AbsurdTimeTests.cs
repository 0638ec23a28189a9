using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.EpisodeFiles;

public sealed class AbsurdTimeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("1e23")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("90000")]
    [InlineData("7000")]
    public async Task Reader_AbsurdSec_IsEstimatedBetweenItsNeighbours(string sec)
    {
        var path = _folder.Write("absurd.md", EpisodeYaml.File($"duration: PT58M\ntranscript:\n- line: One two three four.\n  sec: 10\n- line: Five six seven eight.\n  sec: {sec}\n- line: Nine ten.\n  sec: 30"));

        var result = await Reading.Reader().ReadOneAsync(path);

        var lines = result.Episode!.Lines;
        Assert.InRange(lines[1].StartSec, 10, 30);
        Assert.True(lines[1].StartIsEstimated);
        var warning = Assert.Single(result.Problems, p => p.Message.Contains($"sec '{sec}'"));
        Assert.Equal(15, warning.Line);
        Assert.Contains("estimated", warning.Message);
    }
}
