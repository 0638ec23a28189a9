namespace Ask.Cli.Tests.Faults;

/// <summary><c>ask ingest --rebuild</c> replaces an index that cannot be read at all, as the error message recommends.</summary>
public sealed class DamagedIndexTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-damaged-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Rebuild_EveryGenerationUnreadable_ReplacesTheIndex()
    {
        var data = Path.Combine(_root, "data");
        var episodes = FaultEpisodes.Before(_root);
        Assert.Equal(0, (await IngestProcess.RunAsync(data, episodes)).ExitCode);
        foreach (var generation in Directory.EnumerateDirectories(Path.Combine(data, "index"), "gen-*"))
            await File.WriteAllTextAsync(Path.Combine(generation, "manifest.json"), "{ torn");

        var plain = await IngestProcess.RunAsync(data, episodes);
        var rebuild = await IngestProcess.RunAsync(data, episodes, null, "--rebuild");

        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("--rebuild", plain.Stderr);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Equal(3, (await IndexSnapshot.TakeAsync(data)).EpisodeCount);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
