using System.Runtime.InteropServices;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// Forces written files and directory entries onto the disk (fsync). Without it a power loss after
/// <c>CURRENT</c> switches can leave <c>CURRENT</c> naming a generation whose files never reached the disk.
/// </summary>
internal static partial class DiskFlush
{
    /// <summary>Flushes every file under <paramref name="folder"/>, then each directory, deepest first.</summary>
    public static void Tree(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File(file);
        foreach (var dir in System.IO.Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            Directory(dir);
        Directory(folder);
    }

    public static void File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Flushes a directory's entries: the names of files created or renamed in it. .NET cannot open a
    /// directory as a stream, so this calls open(2) and fsync(2) itself. Windows has no such flush (NTFS
    /// journals its metadata), so there it does nothing.
    /// </summary>
    public static void Directory(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open {path} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            // EINVAL: the file system cannot flush a directory (some network mounts); nothing more can be done there.
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != 22)
                throw new IOException($"Cannot flush {path} to disk (errno {errno}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
