using Microsoft.Extensions.Time.Testing;
using Ask.Adapters.Slack.Answering;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ask.Adapters.Slack.Tests.Answering;

/// <summary>Two instances over one file stand for two replicas sharing the Slack database.</summary>
public sealed class SharedEventClaimsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ask-claims-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch.AddYears(56));

    private string Database => Path.Combine(_folder, "slack.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TryClaim_SameKeyThroughTwoInstancesOfOneFile_OnlyTheFirstWins()
    {
        var replicaA = new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1));
        var replicaB = new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1));

        Assert.True(replicaA.TryClaim(["Ev1"]));
        Assert.False(replicaB.TryClaim(["Ev1"]));
        Assert.False(replicaA.TryClaim(["Ev1"]));
        Assert.True(replicaB.TryClaim(["Ev2"]));
    }

    [Fact]
    public void TryClaim_AnyKeyAlreadyClaimed_FalseButTheOthersAreClaimedToo()
    {
        var replicaA = new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1));
        var replicaB = new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1));
        replicaA.TryClaim(["C1:1700000000.000100"]);

        Assert.False(replicaB.TryClaim(["Ev9", "C1:1700000000.000100"]));
        // The same message delivered as another event type names only the event id: still a duplicate.
        Assert.False(replicaA.TryClaim(["Ev9"]));
    }

    [Fact]
    public void TryClaim_AfterTheWindow_TrueAgainAndOldClaimsAreDeleted()
    {
        var replicaA = new SharedEventClaims(Database, _clock, TimeSpan.FromMinutes(10));
        var replicaB = new SharedEventClaims(Database, _clock, TimeSpan.FromMinutes(10));
        replicaA.TryClaim(["Ev1"]);
        replicaA.TryClaim(["Ev2"]);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(replicaB.TryClaim(["Ev1"]));
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(replicaB.TryClaim(["Ev1"]));
        _clock.Advance(TimeSpan.FromMinutes(1));
        replicaB.TryClaim(["Ev3"]);
        Assert.Equal("Ev1,Ev3", Scalar("SELECT group_concat(key, ',') FROM (SELECT key FROM slack_claims ORDER BY key)"));
    }

    [Fact]
    public async Task TryClaim_ManyDeliveriesOfOneEventAtOnceOnTwoReplicas_ExactlyOneWins()
    {
        var replicas = new[] { new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1)), new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1)) };
        replicas[0].TryClaim(["warm-up"]);

        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => replicas[i % 2].TryClaim(["Ev-burst"]))));

        Assert.Equal(1, wins.Count(w => w));
    }

    [Fact]
    public void TryClaim_FileHeldByAnotherWriter_FailsAfterTheBusyTimeoutInsteadOfWaiting()
    {
        var sut = new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1));
        sut.TryClaim(["warm-up"]);
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        holder.Open();
        using var write = holder.BeginTransaction(deferred: false);
        using (var insert = holder.CreateCommand())
        {
            insert.Transaction = write;
            insert.CommandText = "INSERT INTO slack_claims VALUES ('held', 0)";
            insert.ExecuteNonQuery();
        }

        var error = Assert.Throws<SqliteException>(() => sut.TryClaim(["Ev1"]));

        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public void EventClaims_SharedFileFails_AnswersOnItsOwnCheckAndStillDeduplicatesInProcess()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blocker, "");
        var sut = new EventClaims(new RecentKeys(_clock, TimeSpan.FromHours(1)),
            new SharedEventClaims(Path.Combine(blocker, "slack.db"), _clock, TimeSpan.FromHours(1)), NullLogger<EventClaims>.Instance);

        Assert.True(sut.TryClaim(["Ev1"]));
        Assert.False(sut.TryClaim(["Ev1"]));
    }

    [Fact]
    public void EventClaims_KeyClaimedByTheOtherReplica_Duplicate()
    {
        var replicaA = new EventClaims(new RecentKeys(_clock, TimeSpan.FromHours(1)), new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1)), NullLogger<EventClaims>.Instance);
        var replicaB = new EventClaims(new RecentKeys(_clock, TimeSpan.FromHours(1)), new SharedEventClaims(Database, _clock, TimeSpan.FromHours(1)), NullLogger<EventClaims>.Instance);

        Assert.True(replicaA.TryClaim(["Ev1", "C1:1.1"]));
        Assert.False(replicaB.TryClaim(["Ev1", "C1:1.1"]));
    }

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
