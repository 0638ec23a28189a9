using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Sources;

public sealed class CaseClashTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_IdsDifferingOnlyInCase_AreBothReadAndWarned()
    {
        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()) return; // the two files cannot both exist there
        _folder.Write("Data-Mesh.md", EpisodeYaml.File("transcript:\n- line: One.\n  sec: 1"));
        _folder.Write("data-mesh.md", EpisodeYaml.File("transcript:\n- line: Two.\n  sec: 1"));

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        Assert.Equal(["Data-Mesh", "data-mesh"], results.Select(r => r.Episode!.Id));
        Assert.All(results, r => Assert.Contains(r.Problems, p => p.IsWarning && p.Message.Contains("differs only in case") && p.Message.Contains("macOS")));
        Assert.Contains("'data-mesh'", results[0].Problems.Single(p => p.Message.Contains("differs only in case")).Message);
    }
}
