using System.Diagnostics;

namespace Ask.Cli.Tests.Faults;

/// <summary>
/// An ingest into a data folder on a full disk: a small tmpfs mounted by the test, which needs root (and a
/// system that lets it mount); elsewhere the test is reported as skipped with the reason.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ask-fulldisk-" + Guid.NewGuid().ToString("N"));
    private readonly string _mount;
    private bool _mounted;

    public FullDiskTests() => _mount = Path.Combine(_root, "disk");

    [TmpfsFact]
    public async Task Ingest_DiskFills_ClearErrorAndThePreviousIndexStillServes()
    {
        Directory.CreateDirectory(_mount);
        Assert.Equal(0, Mount.Run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", _mount));
        _mounted = true;
        var data = Path.Combine(_mount, "data");
        Assert.Equal(0, (await IngestProcess.RunAsync(data, FaultEpisodes.Before(_root))).ExitCode);
        var before = await IndexSnapshot.TakeAsync(data);
        var filler = Path.Combine(_mount, "filler");
        await using (var stream = File.Create(filler))
            stream.SetLength(new DriveInfo(_mount).AvailableFreeSpace - 64 * 1024);
        // SetLength leaves a hole; write it so the space is really taken.
        await File.WriteAllBytesAsync(filler, new byte[new FileInfo(filler).Length]);

        var full = await IngestProcess.RunAsync(data, FaultEpisodes.After(_root));

        Assert.True(full.ExitCode == 1, full.ToString());
        Assert.Contains("No space left on device", full.Stderr);
        Assert.Contains("unchanged", full.Stderr);
        Assert.DoesNotContain("   at ", full.Stderr);
        Assert.True(before.Matches(await IndexSnapshot.TakeAsync(data)), "the previous index no longer serves as it was");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(data, "index"), "*.tmp"));

        File.Delete(filler);
        var again = await IngestProcess.RunAsync(data, FaultEpisodes.After(_root));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(6, (await IndexSnapshot.TakeAsync(data)).EpisodeCount);
    }

    public void Dispose()
    {
        if (_mounted) Mount.Run("umount", "-l", _mount);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Runs only as root on Linux where a tmpfs can be mounted; otherwise skipped, saying why.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly string? Reason = Probe();

    public TmpfsFactAttribute()
    {
        if (Reason is not null) Skip = Reason;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "needs Linux to mount a small tmpfs as a full disk";
        if (!Environment.IsPrivilegedProcess) return "needs root to mount a small tmpfs as a full disk (run the tests as root)";
        var probe = Path.Combine(Path.GetTempPath(), "ask-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            if (Mount.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe) != 0) return "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN?)";
            Mount.Run("umount", probe);
            return null;
        }
        finally
        {
            Directory.Delete(probe);
        }
    }
}

internal static class Mount
{
    public static int Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
