using Ask.Hosting.Evaluation;

namespace Ask.Cli.Tests;

public sealed class GoldenQuestionFileTests
{
    private static GoldenFileException Fails(string yaml) =>
        Assert.Throws<GoldenFileException>(() => GoldenQuestionFile.Parse(new StringReader(yaml), "g.yaml"));

    [Fact]
    public void ReadsEveryField_AndIgnoresUnknownOnes()
    {
        var questions = GoldenQuestionFile.Parse(new StringReader("""
            - id: q-0001
              question: "What does Nemanja think about Kubeflow?"
              episode: lean-mlops-for-startups
              start: 1109
              end: 1217.5
              facts: ["Kubeflow is a pain"]
              tags: [opinion]
              source: written by hand
            - id: q-0002
              question: "Best sourdough hydration?"
              episode: null
            """), "g.yaml");

        Assert.Equal(2, questions.Count);
        var q = questions[0];
        Assert.Equal(("q-0001", "lean-mlops-for-startups", 1109.0, 1217.5), (q.Id, q.EpisodeId, q.StartSec!.Value, q.EndSec!.Value));
        Assert.Equal(["Kubeflow is a pain"], q.Facts);
        Assert.Equal(["opinion"], q.Tags);
        Assert.False(questions[1].IsAnswerable);
    }

    [Fact]
    public void Podcast_AsksOfThatPodcast_AndKeysTheEpisodeAsTheIndexDoes()
    {
        var questions = GoldenQuestionFile.Parse(new StringReader("""
            - id: a
              question: "How much honey does a colony need?"
              podcast: bee-show
              episode: hives
              start: 65
            - id: b
              question: "What does Nemanja think about Kubeflow?"
              podcast: datatalksclub
              episode: lean-mlops-for-startups
              start: 1109
            """), "g.yaml");

        Assert.Equal(("bee-show", "bee-show/hives"), (questions[0].Podcast, questions[0].EpisodeId));
        Assert.Equal(["bee-show"], questions[0].Filter!.Podcasts);
        Assert.Equal("lean-mlops-for-startups", questions[1].EpisodeId);
    }

    [Theory]
    [InlineData("- id: a\n  episode: e\n  start: 1\n", "g.yaml:1: item 'a': field 'question': missing")]
    [InlineData("- id: a\n  question: x\n  podcast: Bee Show\n", "g.yaml:3: item 'a': field 'podcast': the id 'Bee Show', which must be")]
    [InlineData("- question: x\n", "g.yaml:1: item #1: field 'id': missing")]
    [InlineData("- id: a\n  question: x\n  episode: e\n  start: 10\n  end: 5\n", "g.yaml:5: item 'a': field 'end': 5 is before start 10")]
    [InlineData("- id: a\n  question: x\n  episode: e\n", "item 'a': field 'start': required when 'episode' is set")]
    [InlineData("- id: a\n  question: x\n  episode: e\n  start: -3\n", "g.yaml:4: item 'a': field 'start': expected a number of seconds")]
    [InlineData("- id: a\n  question: x\n  tags: opinion\n", "g.yaml:3: item 'a': field 'tags': expected a list")]
    [InlineData("- id: a\n  question: [x, y]\n", "g.yaml:2: item 'a': field 'question': expected text, got a list")]
    [InlineData("id: a\nquestion: x\n", "g.yaml:1: expected a list of questions")]
    [InlineData("- id: a\n  question: 'unclosed\n", "not valid YAML")]
    public void AWrongItem_IsReportedWithLineItemAndField(string yaml, string expected) =>
        Assert.Contains(expected, Fails(yaml).Message);

    [Fact]
    public void DuplicateIds_AreReportedWithBothLines()
    {
        var error = Fails("- id: a\n  question: x\n- id: a\n  question: y\n");

        Assert.Contains("g.yaml:3: item 'a': field 'id': duplicate, first used on line 1", error.Message);
    }

    [Fact]
    public void EveryProblem_IsListed_NotOnlyTheFirst()
    {
        var error = Fails("- id: a\n- id: b\n  question: y\n  episode: e\n  start: x\n");

        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void TheProjectsOwnGoldenSet_Parses_WithTheRequiredMix()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "golden-questions.yaml");
        var questions = GoldenQuestionFile.Load(path);

        Assert.True(questions.Count >= 80, $"{questions.Count} questions");
        Assert.True(questions.Where(q => q.IsAnswerable).Select(q => q.EpisodeId).Distinct().Count() >= 40);
        Assert.True(questions.Count(q => !q.IsAnswerable) >= 10);
        foreach (var tag in new[] { "factual", "opinion", "keyword", "paraphrase", "topic" })
            Assert.Contains(questions, q => q.Tags.Contains(tag));
    }

    [Fact]
    public void TheHeldOutSet_Parses_AndSharesNoQuestionOrAnsweringEpisodeWithTheGoldenSet()
    {
        var golden = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "golden-questions.yaml"));
        var heldOut = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "heldout-questions.yaml"));

        Assert.True(heldOut.Count(q => q.IsAnswerable) >= 30 && heldOut.Count(q => !q.IsAnswerable) >= 20, $"{heldOut.Count} questions");
        Assert.Empty(heldOut.Select(q => q.Question).Intersect(golden.Select(q => q.Question)));
        // New episodes, so that retrieval figures on it are not the golden set's again (one episode repeats inside the set).
        Assert.Empty(heldOut.Where(q => q.IsAnswerable).Select(q => q.EpisodeId).Intersect(golden.Select(q => q.EpisodeId)));
    }

    [Fact]
    public void ThePeopleAndConversationSets_Parse_WithSpeakersAndRewriteExpectations_AndShareNoQuestionWithTheGoldenSet()
    {
        var golden = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "golden-questions.yaml")).Select(q => q.Question).ToHashSet();
        var people = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "people-questions.yaml"));
        var conversations = GoldenQuestionFile.Load(Path.Combine(AppContext.BaseDirectory, "conversations.yaml"));

        Assert.True(people.Count(q => q.Speaker is not null) >= 35, "questions about one person");
        Assert.True(people.Count(q => !q.IsAnswerable && q.Tags.Contains("figure")) >= 15, "figures the archive never gives");
        Assert.True(conversations.Select(q => q.Turn!.Conversation).Distinct().Count() >= 20, "conversations");
        Assert.All(conversations, q => Assert.NotNull(q.Turn));
        Assert.Contains(conversations, q => q.Turn is { Index: > 0, Unchanged: false });
        Assert.Contains(conversations, q => q.Turn is { Index: > 0, Unchanged: true });
        Assert.DoesNotContain(people.Concat(conversations), q => golden.Contains(q.Question));
    }

    [Fact]
    public void Conversation_TurnsBecomeQuestionsInOrder_WithWhatEachExpectsOfTheRewrite()
    {
        var questions = GoldenQuestionFile.Parse(new StringReader("""
            - id: c-1
              turns:
                - question: "What does Nemanja Radojkovic think about Kubeflow?"
                  episode: lean-mlops-for-startups
                  start: 1109
                  end: 1165
                  speaker: Nemanja
                  tags: [named-person]
                - question: "And what did he say about vendor lock-in?"
                  standalone: rewrite
                  mentions: [Nemanja]
                  episode: null
            """), "g.yaml");

        Assert.Equal(["c-1#1", "c-1#2"], questions.Select(q => q.Id));
        Assert.Equal("Nemanja", questions[0].Speaker);
        Assert.Equal(new GoldenTurnView("c-1", 0, true, []), View(questions[0].Turn!));
        Assert.Equal(new GoldenTurnView("c-1", 1, false, ["Nemanja"]), View(questions[1].Turn!));
        Assert.True(questions[1].Turn!.Accepts("And what did he say?", "And what did Nemanja say? (Lean MLOps)"));
        Assert.False(questions[1].Turn!.Accepts("And what did he say?", "And what did he say?"));
        Assert.False(questions[1].Turn!.Accepts("And what did he say?", "And what did Alexey say?"));
    }

    [Fact]
    public void Conversation_ABadStandaloneValue_IsReportedWithTheTurn()
    {
        var error = Fails("- id: c-1\n  turns:\n    - question: x\n    - question: y\n      standalone: maybe\n");

        Assert.Contains("g.yaml:5: item 'c-1#2': field 'standalone': expected 'unchanged' or 'rewrite', got 'maybe'", error.Message);
    }

    private sealed record GoldenTurnView(string Conversation, int Index, bool Unchanged, string[] Mentions)
    {
        public bool Equals(GoldenTurnView? other) => other is not null && (Conversation, Index, Unchanged) == (other.Conversation, other.Index, other.Unchanged) && Mentions.SequenceEqual(other.Mentions);
        public override int GetHashCode() => HashCode.Combine(Conversation, Index);
    }

    private static GoldenTurnView View(Ask.Core.Evaluation.GoldenTurn t) => new(t.Conversation, t.Index, t.Unchanged, [.. t.Mentions]);
}
