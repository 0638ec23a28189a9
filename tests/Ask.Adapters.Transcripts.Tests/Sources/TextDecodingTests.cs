using System.Text;
using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Sources;

public sealed class TextDecodingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_InvalidUtf8_ReplacesEachSequenceAndKeepsTheRestCorrect()
    {
        // Line 13 has a lone Latin-1 "é", line 15 a cut-off "—"; every correct "—" and "’" must survive.
        var text = Encoding.UTF8.GetBytes(EpisodeYaml.File("transcript:\n- line: It’s one — two.\n  sec: 1\n- line: Caf@ — ok.\n  sec: 2\n- line: Cut # here’s.\n  sec: 3"))
            .ToList();
        var at = text.IndexOf((byte)'@');
        text.RemoveAt(at);
        text.Insert(at, 0xE9);
        at = text.IndexOf((byte)'#');
        text.RemoveAt(at);
        text.InsertRange(at, [0xE2, 0x80]);
        var path = _folder.WriteBytes("invalid.md", [.. text]);

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(["It’s one — two.", "Caf\uFFFD — ok.", "Cut \uFFFD here’s."], result.Episode!.Lines.Select(l => l.Text));
        Assert.Equal([(13, "E9"), (15, "E280")], result.Problems.Select(p => (p.Line, p.Message.Split(' ')[3])));
        Assert.All(result.Problems, p => Assert.True(p.IsWarning));
    }

    [Fact]
    public async Task Reader_CrOnlyFile_CountsLinesLikeAnEditor()
    {
        var path = _folder.WriteBytes("cr.md", Encoding.UTF8.GetBytes(EpisodeYaml.File("transcript:\n- line: One.\n  sec: 10\n- line: Two.\n  sec: 5").ReplaceLineEndings("\r")));

        var result = await Reading.Reader().ReadOneAsync(path);

        Assert.Equal(["One.", "Two."], result.Episode!.Lines.Select(l => l.Text));
        var back = Assert.Single(result.Problems);
        Assert.Contains("goes back", back.Message);
        Assert.Equal(14, back.Line);
    }

    [Fact]
    public async Task Reader_ControlCharacters_NeverReachTheEpisode()
    {
        var path = _folder.Write("controls.md", EpisodeYaml.File("transcript:\n- line: \"a\\e[2Jb\\tc\\u202Ed\\x85e\"\n  sec: 1\n  who: \"Ho\\u0007st\""));

        var result = await Reading.Reader().ReadOneAsync(path);

        var line = Assert.Single(result.Episode!.Lines);
        // Escapes written in YAML's own syntax are decoded by the YAML reader after cleaning; they are caught too.
        Assert.DoesNotContain(line.Text + line.Speaker, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E');
    }
}
