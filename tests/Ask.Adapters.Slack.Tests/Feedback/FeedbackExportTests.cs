using Ask.Adapters.Slack.Feedback;
using Ask.Core.Answering;
using YamlDotNet.RepresentationModel;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Slack.Tests.Feedback;

public sealed class FeedbackExportTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ask-feedback-" + Guid.NewGuid().ToString("N"), "feedback.db");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static AnswerRecord Answer(string id, string question, params Citation[] citations) =>
        new(id, "sl-" + id, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), question, "Answer text [1].", "Answered", citations);

    private static Citation Cite(string episode, double start) => new(1, episode, "Title", start, start + 30.5, "Ravi", "He said \"portable\" SQL\nmatters.", null);

    [Fact]
    public async Task RecordVote_UnknownAnswer_NotStored()
    {
        var sut = new FeedbackStore(_path, _clock);

        Assert.False(await sut.RecordVoteAsync("nope", "U1", Vote.Helpful, CancellationToken.None));
        Assert.Empty(await sut.VotedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordVote_SamePersonTwice_TheSecondVoteReplacesTheFirst()
    {
        var sut = new FeedbackStore(_path, _clock);
        await sut.SaveAnswerAsync(Answer("a1", "q?", Cite("ep", 10)), CancellationToken.None);

        await sut.RecordVoteAsync("a1", "U1", Vote.Helpful, CancellationToken.None);
        await sut.RecordVoteAsync("a1", "U1", Vote.NotHelpful, CancellationToken.None);
        await sut.RecordVoteAsync("a1", "U2", Vote.NotHelpful, CancellationToken.None);

        var voted = Assert.Single(await sut.VotedAsync(CancellationToken.None));
        Assert.Equal((0, 2), (voted.Helpful, voted.NotHelpful));
        Assert.Equal("ep", Assert.Single(voted.Answer.Citations).EpisodeId);
    }

    [Fact]
    public async Task SaveAnswer_AFailureIsNotRememberedAndTheVoteSavesTheAnswerLater()
    {
        // The database's folder cannot be made: a file stands where it should be.
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        await File.WriteAllTextAsync(folder, "in the way");
        var sut = new FeedbackStore(_path, _clock);

        Assert.False(await sut.TrySaveAnswerAsync(Answer("a1", "q?", Cite("ep", 10)), CancellationToken.None));
        File.Delete(folder);

        Assert.True(await sut.TrySaveAnswerAsync(Answer("a2", "q2?", Cite("ep", 20)), CancellationToken.None));
        Assert.True(await sut.RecordVoteAsync("a1", "U1", Vote.Helpful, CancellationToken.None));
        Assert.Equal("a1", Assert.Single(await sut.VotedAsync(CancellationToken.None)).Answer.Id);
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    [InlineData("\r")]
    [InlineData("\v")]
    public async Task Write_LineSeparatorsInAQuote_StayInsideTheComment(string separator)
    {
        var store = new FeedbackStore(_path, _clock);
        var cite = new Citation(1, "ep", "Title", 10, 20, "Ravi", $"first{separator}injected: true", null);
        await store.SaveAnswerAsync(Answer("bad1234567890", $"q{separator}x?", cite) with { Answer = $"said{separator}- id: evil" }, CancellationToken.None);
        await store.RecordVoteAsync("bad1234567890", "U1", Vote.NotHelpful, CancellationToken.None);

        var sut = GoldenQuestionWriter.Write(await store.VotedAsync(CancellationToken.None), _clock.GetUtcNow());

        foreach (var line in sut.Split(["\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029"], StringSplitOptions.None))
            Assert.False(line.TrimStart().StartsWith("injected", StringComparison.Ordinal) || line.TrimStart().StartsWith("- id: evil", StringComparison.Ordinal), line);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(sut));
        var item = Assert.Single(((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>());
        Assert.Equal($"q{separator}x?", ((YamlScalarNode)item["question"]).Value);
    }

    [Fact]
    public async Task Write_VotedAnswers_ReadBackInTheGoldenQuestionShape()
    {
        var store = new FeedbackStore(_path, _clock);
        await store.SaveAnswerAsync(Answer("good1234567890", "What about \"lock-in\"?", Cite("vendor-lock-in", 4530.4)), CancellationToken.None);
        await store.SaveAnswerAsync(Answer("bad1234567890", "Kubeflow: worth it?\n# not a comment", Cite("wrong-episode", 10)), CancellationToken.None);
        await store.RecordVoteAsync("good1234567890", "U1", Vote.Helpful, CancellationToken.None);
        await store.RecordVoteAsync("bad1234567890", "U1", Vote.NotHelpful, CancellationToken.None);

        var sut = GoldenQuestionWriter.Write(await store.VotedAsync(CancellationToken.None), _clock.GetUtcNow());

        var yaml = new YamlStream();
        yaml.Load(new StringReader(sut));
        var items = ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.Cast<YamlMappingNode>().ToArray();
        Assert.Equal(2, items.Length);
        string Get(YamlMappingNode item, string key) => ((YamlScalarNode)item[key]).Value!;
        var good = items.Single(i => Get(i, "id") == "slack-good12345678");
        Assert.Equal("What about \"lock-in\"?", Get(good, "question"));
        Assert.Equal("vendor-lock-in", Get(good, "episode"));
        Assert.Equal("4530", Get(good, "start"));
        Assert.Equal("4561", Get(good, "end"));
        Assert.Equal("He said \"portable\" SQL\nmatters.", ((YamlScalarNode)((YamlSequenceNode)good["facts"]).Children[0]).Value);
        Assert.Equal(["slack-feedback", "helpful"], ((YamlSequenceNode)good["tags"]).Children.Select(t => ((YamlScalarNode)t).Value));
        var bad = items.Single(i => Get(i, "id") == "slack-bad123456789");
        Assert.Equal("Kubeflow: worth it?\n# not a comment", Get(bad, "question"));
        Assert.Equal("null", Get(bad, "episode"));
        Assert.Empty(((YamlSequenceNode)bad["facts"]).Children);
        Assert.Contains("needs-review", ((YamlSequenceNode)bad["tags"]).Children.Select(t => ((YamlScalarNode)t).Value));
        Assert.Contains("# cited [1] wrong-episode", sut);
    }

    [Fact]
    public void Write_NothingVoted_AnEmptyList()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(GoldenQuestionWriter.Write([], _clock.GetUtcNow())));

        Assert.Empty(((YamlSequenceNode)yaml.Documents[0].RootNode).Children);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
