using System.Text.Json;

namespace Ask.Cli.Tests.Faults;

/// <summary>Two <c>ask ingest</c> processes into one data folder: the second waits (or gives up, saying why); they never interleave.</summary>
public sealed class ConcurrentIngestTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-concurrent-" + Guid.NewGuid().ToString("N"));
    private string Data => Path.Combine(_root, "data");
    private string LockFile => Path.Combine(Data, "ingest.lock");

    [Fact]
    public async Task TwoIngestsAtOnce_SecondWaitsForTheFirst_BothSucceedAndTheIndexIsWhole()
    {
        Assert.Equal(0, (await IngestProcess.RunAsync(Data, FaultEpisodes.Before(_root))).ExitCode);
        var after = FaultEpisodes.After(_root);

        using var first = IngestProcess.Start(Data, after);
        await WaitUntilLockedAsync(first);
        using var second = IngestProcess.Start(Data, after, null, "--json");
        var (one, two) = (await first.WaitAsync(), await second.WaitAsync());

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.Contains($"another ingest holds {LockFile}, waiting", two.Stderr);
        // The second found the first's work done: nothing left for it to embed or write.
        var report = JsonDocument.Parse(two.Stdout).RootElement;
        Assert.Equal(6, report.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, report.GetProperty("chunks").GetInt32());

        // No record of the embedding cache was torn or swapped: a rebuild takes every chunk vector from it,
        // and serves exactly what was served before.
        var served = await IndexSnapshot.TakeAsync(Data);
        var rebuild = await IngestProcess.RunAsync(Data, after, null, "--rebuild", "--json");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        var rebuilt = JsonDocument.Parse(rebuild.Stdout).RootElement;
        Assert.Equal(rebuilt.GetProperty("chunks").GetInt32(), rebuilt.GetProperty("chunks_from_cache").GetInt32());
        Assert.True(served.Matches(await IndexSnapshot.TakeAsync(Data)), "the rebuilt index differs from the one served before");
        Assert.Equal(6, served.EpisodeCount);
    }

    [Fact]
    public async Task SecondIngestWithAShortTimeout_FailsClearly_FirstCompletes()
    {
        var after = FaultEpisodes.After(_root);
        using var first = IngestProcess.Start(Data, after);
        await WaitUntilLockedAsync(first);

        var second = await IngestProcess.RunAsync(Data, after, new Dictionary<string, string> { ["Ingestion__LockTimeout"] = "00:00:01" });
        var one = await first.WaitAsync();

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"another ingest holds {LockFile}, waiting", second.Stderr);
        Assert.Contains("gave up waiting", second.Stderr);
        Assert.DoesNotContain("   at ", second.Stderr);
        Assert.True(one.ExitCode == 0, one.ToString());
        var snapshot = await IndexSnapshot.TakeAsync(Data);
        Assert.Equal(6, snapshot.EpisodeCount);
    }

    /// <summary>Waits until the ingest holds the data folder's lock, by failing to take it from here.</summary>
    private async Task WaitUntilLockedAsync(IngestProcess ingest)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !ingest.HasExited)
        {
            try
            {
                if (File.Exists(LockFile))
                    using (new FileStream(LockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
            }
            catch (IOException)
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail("the first ingest never held the lock");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
