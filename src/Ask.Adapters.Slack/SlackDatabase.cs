using Microsoft.Data.Sqlite;

namespace Ask.Adapters.Slack;

/// <summary>
/// The Slack bot's SQLite file as one of its stores sees it (votes, delivery claims): its tables created once
/// per process in WAL mode, which lets the readers of several replicas proceed beside the one writer; every
/// connection opened per call (SQLite serialises writers across processes itself) and waiting at most
/// <c>busyTimeoutSeconds</c> for a busy file, so a reply to Slack stays inside its three seconds.
/// A failed creation is not remembered: the next call tries again.
/// </summary>
internal sealed class SlackDatabase(string path, int busyTimeoutSeconds, string schema)
{
    private readonly string _full = Path.GetFullPath(path);
    private readonly Lock _createGate = new();
    private volatile bool _created;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _full, Pooling = false, DefaultTimeout = busyTimeoutSeconds }.ToString();

    /// <summary>An open connection to the file, its tables created first if this process has not yet.</summary>
    public SqliteConnection Open()
    {
        EnsureCreated();
        return OpenFile();
    }

    private void EnsureCreated()
    {
        if (_created) return;
        lock (_createGate)
        {
            if (_created) return;
            Directory.CreateDirectory(Path.GetDirectoryName(_full)!);
            using var connection = OpenFile();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;\n" + schema;
            command.ExecuteNonQuery();
            _created = true;
        }
    }

    private SqliteConnection OpenFile()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }
}
