namespace Ask.Core.Ingestion;

/// <summary>
/// Keeps two ingests (the service's start-up ingest and <c>ask ingest</c>, or two of either) from
/// writing one data folder at the same time: the pipeline holds it from the first file read to the
/// switch to the new generation, the embedding included, so their cache appends and index writes never
/// interleave.
/// </summary>
public interface IIngestLock
{
    /// <summary>What is locked, as a user would look for it (the lock file's path).</summary>
    string Name { get; }

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="timeout"/> while another ingest holds it;
    /// <paramref name="waiting"/> is called once when the wait starts. Throws <see cref="AskException"/>
    /// when the time is up.
    /// </summary>
    Task<IDisposable> AcquireAsync(TimeSpan timeout, Action waiting, CancellationToken cancellationToken);
}
