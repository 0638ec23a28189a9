using System.Text.Json;
using Ask.Core.Answering;
using Microsoft.Data.Sqlite;

namespace Ask.Adapters.Slack.Feedback;

/// <summary>
/// Answers and the votes on them, in one SQLite file. Each person has one vote per answer (a second
/// click changes it). Opened per call: SQLite serialises writers itself and the volume is a few rows a minute.
/// </summary>
public sealed class FeedbackStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lazy<bool> _created;

    public FeedbackStore(string path, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();
        _time = time;
        _created = new Lazy<bool>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var connection = Open();
            Execute(connection, """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS answers (
                  id TEXT PRIMARY KEY, request_id TEXT NOT NULL, asked_at TEXT NOT NULL,
                  question TEXT NOT NULL, answer TEXT NOT NULL, status TEXT NOT NULL, citations TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS votes (
                  answer_id TEXT NOT NULL REFERENCES answers(id), user_id TEXT NOT NULL, vote TEXT NOT NULL, voted_at TEXT NOT NULL,
                  PRIMARY KEY (answer_id, user_id));
                """);
            return true;
        });
    }

    public async Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        await using var connection = OpenCreated();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO answers VALUES ($id, $request, $at, $question, $answer, $status, $citations)";
        command.Parameters.AddWithValue("$id", answer.Id);
        command.Parameters.AddWithValue("$request", answer.RequestId);
        command.Parameters.AddWithValue("$at", answer.AskedAt.ToString("O"));
        command.Parameters.AddWithValue("$question", answer.Question);
        command.Parameters.AddWithValue("$answer", answer.Answer);
        command.Parameters.AddWithValue("$status", answer.Status);
        command.Parameters.AddWithValue("$citations", JsonSerializer.Serialize(answer.Citations, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>False when no answer has <paramref name="answerId"/> (a forged or stale button).</summary>
    public async Task<bool> RecordVoteAsync(string answerId, string userId, Vote vote, CancellationToken cancellationToken)
    {
        await using var connection = OpenCreated();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO votes (answer_id, user_id, vote, voted_at)
            SELECT $id, $user, $vote, $at WHERE EXISTS (SELECT 1 FROM answers WHERE id = $id)
            ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at
            """;
        command.Parameters.AddWithValue("$id", answerId);
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$vote", vote == Vote.Helpful ? "helpful" : "not_helpful");
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The votes on one answer so far.</summary>
    public async Task<(int Helpful, int NotHelpful)> TallyAsync(string answerId, CancellationToken cancellationToken)
    {
        await using var connection = OpenCreated();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(vote = 'helpful'), 0), COALESCE(SUM(vote = 'not_helpful'), 0) FROM votes WHERE answer_id = $id";
        command.Parameters.AddWithValue("$id", answerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Every answer someone voted on, oldest first.</summary>
    public async Task<IReadOnlyList<VotedAnswer>> VotedAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenCreated();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.request_id, a.asked_at, a.question, a.answer, a.status, a.citations,
                   SUM(v.vote = 'helpful'), SUM(v.vote = 'not_helpful')
            FROM answers a JOIN votes v ON v.answer_id = a.id
            GROUP BY a.id ORDER BY a.asked_at, a.id
            """;
        var result = new List<VotedAnswer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var answer = new AnswerRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(3), reader.GetString(4), reader.GetString(5),
                JsonSerializer.Deserialize<Citation[]>(reader.GetString(6), Json) ?? []);
            result.Add(new VotedAnswer(answer, reader.GetInt32(7), reader.GetInt32(8)));
        }
        return result;
    }

    private SqliteConnection OpenCreated()
    {
        _ = _created.Value;
        return Open();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
