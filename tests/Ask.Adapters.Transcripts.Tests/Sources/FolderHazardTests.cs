using System.Diagnostics;
using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Sources;

/// <summary>Things a watched folder can hold besides files: pipes, devices, links in a loop.</summary>
public sealed class FolderHazardTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_PipeDeviceAndLinkLoop_NeitherHangNorRepeat()
    {
        if (!OperatingSystem.IsLinux()) return; // mkfifo and /dev/zero
        _folder.Write("a.md", EpisodeYaml.File("transcript:\n- line: x\n  sec: 1"));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "loop"), _folder.Path);
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(_folder.Path, "pipe.md"))) await mkfifo.WaitForExitAsync();
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "zero.md"), "/dev/zero");

        // Opening the pipe used to wait for a writer forever; the loop repeated a.md once per level.
        var read = Reading.Reader().ReadAllAsync(_folder.Path);
        // The guard only turns a hang into a failure; a correct reader is done long before.
        var results = await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a.md", "pipe.md", "zero.md"], results.Select(r => Path.GetFileName(r.Source)));
        Assert.NotNull(results[0].Episode);
        Assert.Contains("pipe or device", Assert.Single(results[1].Problems).Message);
        Assert.Null(results[2].Episode);
    }
}
