using Ask.Adapters.Slack.Feedback;
using Ask.Core.Answering;

namespace Ask.Cli.Tests;

/// <summary><c>ask feedback export</c> over a feedback database the Slack bot would have written.</summary>
public sealed class FeedbackExportTests : IDisposable
{
    private readonly AskProcess _ask = new();

    private string Database => Path.Combine(_ask.DataDirectory, "data", "slack-feedback.db");

    [Fact]
    public async Task FeedbackExport_NoDatabase_ExitCodeThreeAndAHint()
    {
        var result = await _ask.RunAsync("feedback", "export");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No Slack feedback yet", result.Stderr);
    }

    [Fact]
    public async Task FeedbackExport_NotHelpful_WritesOnlyThoseAsGoldenQuestions()
    {
        var store = new FeedbackStore(Database, TimeProvider.System);
        var citation = new Citation(1, "vendor-lock-in", "Escaping Vendor Lock-in", 65, 90, "Ravi", "Keep the SQL portable.", null);
        await store.SaveAnswerAsync(new AnswerRecord("aaaa1111bbbb2222", "sl-1", DateTimeOffset.UtcNow, "What about lock-in?", "Portable SQL [1].", "Answered", [citation]), CancellationToken.None);
        await store.SaveAnswerAsync(new AnswerRecord("cccc3333dddd4444", "sl-2", DateTimeOffset.UtcNow, "Is Kubeflow worth it?", "Portable SQL [1].", "Answered", [citation]), CancellationToken.None);
        await store.RecordVoteAsync("aaaa1111bbbb2222", "U1", Vote.Helpful, CancellationToken.None);
        await store.RecordVoteAsync("cccc3333dddd4444", "U1", Vote.NotHelpful, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var result = await _ask.RunAsync("feedback", "export", "--vote", "not-helpful");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("- id: slack-cccc3333dddd", result.Stdout);
        Assert.Contains("question: \"Is Kubeflow worth it?\"", result.Stdout);
        Assert.Contains("needs-review", result.Stdout);
        Assert.DoesNotContain("slack-aaaa", result.Stdout);
    }

    [Fact]
    public async Task FeedbackExport_BadVote_UsageError()
    {
        var result = await _ask.RunAsync("feedback", "export", "--vote", "meh");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--vote", result.Stderr + result.Stdout);
    }

    public void Dispose() => _ask.Dispose();
}
