using System.Text.Json;
using Ask.Core.Answering;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.Slack.Feedback;

/// <summary>
/// Answers and the votes on them, in one SQLite file. Each person has one vote per answer (a second
/// click changes it). Opened per call: SQLite serialises writers itself, across processes too, so replicas
/// sharing the file (on one machine's volume) record into one store; the volume is a few rows a minute.
/// A busy file is waited for at most <see cref="BusyTimeoutSeconds"/>, so a vote's acknowledgement stays inside Slack's three seconds.
/// Creating the schema is retried until it succeeds (a failure is not remembered), and saving an answer is
/// best-effort (<see cref="TrySaveAnswerAsync"/>): one that could not be saved is kept, bounded, and saved
/// again when someone votes on it.
/// </summary>
public sealed partial class FeedbackStore
{
    /// <summary>Answers kept in memory while the database cannot take them.</summary>
    public const int MaxUnsaved = 256;

    public const int BusyTimeoutSeconds = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SlackDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, AnswerRecord> _unsaved = new(StringComparer.Ordinal);

    public FeedbackStore(string path, TimeProvider time, ILogger<FeedbackStore>? logger = null)
    {
        _database = new SlackDatabase(path, BusyTimeoutSeconds, """
            CREATE TABLE IF NOT EXISTS answers (
              id TEXT PRIMARY KEY, request_id TEXT NOT NULL, asked_at TEXT NOT NULL,
              question TEXT NOT NULL, answer TEXT NOT NULL, status TEXT NOT NULL, citations TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS votes (
              answer_id TEXT NOT NULL REFERENCES answers(id), user_id TEXT NOT NULL, vote TEXT NOT NULL, voted_at TEXT NOT NULL,
              PRIMARY KEY (answer_id, user_id));
            """);
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Saves <paramref name="answer"/>; when the database fails, keeps it for the next vote and returns false.</summary>
    public async Task<bool> TrySaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        try
        {
            await SaveAnswerAsync(answer, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogNotSaved(_logger, e, answer.RequestId);
            if (_unsaved.Count < MaxUnsaved) _unsaved[answer.Id] = answer;
            return false;
        }
    }

    public async Task SaveAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
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
        if (_unsaved.TryGetValue(answerId, out var unsaved))
        {
            await SaveAnswerAsync(unsaved, cancellationToken);
            _unsaved.TryRemove(answerId, out _);
        }
        await using var connection = _database.Open();
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
        await using var connection = _database.Open();
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
        await using var connection = _database.Open();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Answer of Slack request {RequestId} not saved for feedback; kept until a vote")]
    private static partial void LogNotSaved(ILogger logger, Exception exception, string requestId);
}
