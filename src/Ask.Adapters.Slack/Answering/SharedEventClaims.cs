using Microsoft.Data.Sqlite;

namespace Ask.Adapters.Slack.Answering;

/// <summary>
/// Delivery keys claimed in the Slack database (the file that also holds the feedback), so that several
/// replicas sharing that file answer each Slack event once, whichever replica each delivery reaches: the
/// first replica to insert a key owns the event. SQLite serialises the writers of all processes on the
/// file's locks; a busy file is waited for at most <see cref="BusyTimeoutSeconds"/>, well inside the
/// three seconds Slack gives the acknowledgement.
/// </summary>
/// <remarks>
/// Claims expire after the window (Slack redelivers within about five minutes; the window is an hour) and
/// are deleted, at most once a minute, by whichever replica claims next, so the table stays small.
/// </remarks>
internal sealed class SharedEventClaims
{
    public const int BusyTimeoutSeconds = 1;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly SlackDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private long _nextPrune;

    public SharedEventClaims(string path, TimeProvider time, TimeSpan window)
    {
        _database = new SlackDatabase(path, BusyTimeoutSeconds,
            "CREATE TABLE IF NOT EXISTS slack_claims (key TEXT PRIMARY KEY, claimed_at INTEGER NOT NULL) WITHOUT ROWID;");
        _time = time;
        _window = window;
    }

    /// <summary>
    /// Claims every key in one transaction; true when none was claimed within the window before (by any
    /// process sharing the file). Throws <see cref="SqliteException"/> or <see cref="IOException"/> when the file fails.
    /// </summary>
    public bool TryClaim(IReadOnlyList<string> keys)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var cutoff = now - (long)_window.TotalMilliseconds;
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        if (now >= Interlocked.Read(ref _nextPrune))
        {
            Execute(connection, transaction, "DELETE FROM slack_claims WHERE claimed_at < $cutoff", ("$cutoff", cutoff));
            Interlocked.Exchange(ref _nextPrune, now + (long)PruneInterval.TotalMilliseconds);
        }
        var first = true;
        foreach (var key in keys)
        {
            // An expired claim is taken over (the UPDATE branch), so a key counts as new again after the window.
            var changed = Execute(connection, transaction, """
                INSERT INTO slack_claims (key, claimed_at) VALUES ($key, $now)
                ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at WHERE slack_claims.claimed_at < $cutoff
                """, ("$key", key), ("$now", now), ("$cutoff", cutoff));
            first &= changed == 1;
        }
        transaction.Commit();
        return first;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
