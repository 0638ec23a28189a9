using Ask.Core;
using Ask.Core.Ingestion;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// The ingest lock of one data folder: an exclusive lock (flock on Linux and macOS, a sharing lock on
/// Windows) on <c>ingest.lock</c> in it. The OS drops the lock when the holding process dies, even by
/// SIGKILL, so a crashed ingest never blocks the next one. The file stays: deleting it on release would
/// let a waiter lock the old file while a newcomer locks a new one of the same name.
/// </summary>
/// <param name="time">Times the wait for another ingest and the polls while waiting.</param>
public sealed class DataFolderLock(string dataDirectory, TimeProvider time) : IIngestLock
{
    internal const string FileName = "ingest.lock";
    internal static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public string Name { get; } = Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    public async Task<IDisposable> AcquireAsync(TimeSpan timeout, Action waiting, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Name)!);
        var waited = time.GetTimestamp();
        var told = false;
        while (true)
        {
            if (TryLock() is { } held) return held;
            if (!told)
            {
                waiting();
                told = true;
            }
            if (time.GetElapsedTime(waited) >= timeout)
                throw new AskException($"Another ingest has held {Name} for {timeout.TotalSeconds:0} s; gave up waiting. Try again when it has finished (Ingestion:LockTimeout sets how long to wait).", isTransient: true);
            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private FileStream? TryLock()
    {
        try
        {
            return new FileStream(Name, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (IOException) when (File.Exists(Name))
        {
            return null;
        }
    }
}
