using Ask.Core.Answering;
using Ask.Core.Retrieval;
using Ask.Testing.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Answering;

/// <summary>
/// Who said it, when names are spelled another way and transcripts repeat lines: guests named with accents or in
/// another transliteration, lines the archive repeats without a speaker, hosts recognised from another source,
/// and questions about one person's words or one person's figures.
/// </summary>
public sealed class PeopleAndRepeatedLinesTests
{
    private readonly HashingEmbeddingGenerator _embedder = new("hashing-test", 512);

    [Theory]
    [InlineData("Ellen König", "ellenkonig")]
    [InlineData("König", "ellenkonig")]
    [InlineData("Koenig", "ellenkonig")]
    [InlineData("Valerii", "valeriybabushkin")]
    [InlineData("Valery Babushkin", "valeriybabushkin")]
    [InlineData("Radojković", "nemanjaradojkovic")]
    public void NameOfGuest_AccentOrTransliteration_MatchesTheAsciiId(string name, string guestId) =>
        Assert.True(EpisodePeople.NameOfGuest(name, guestId));

    [Theory]
    [InlineData("Kong", "ellenkonig")]
    [InlineData("Valentina", "valeriybabushkin")]
    [InlineData("Ellen", "nemanjaradojkovic")]
    public void NameOfGuest_AnotherName_DoesNotMatch(string name, string guestId) =>
        Assert.False(EpisodePeople.NameOfGuest(name, guestId));

    [Fact]
    public void SpeakerNamed_FullNameInAnotherTransliteration_FindsTheTranscriptsNameAndTheGuestIsNoHost()
    {
        var passage = TestPassages.Passage("ml-design", ["valeriybabushkin"], ("Alexey", 0, "Welcome, Valerii."), ("Valerii", 10, "Thanks for having me."));

        Assert.Equal("Valerii", EpisodePeople.SpeakerNamed("Valeriy Babushkin", passage));
        Assert.False(EpisodePeople.IsHost("Valerii", passage));
        Assert.True(EpisodePeople.IsHost("Alexey", passage));
    }

    [Fact]
    public void SpeakerNamed_TranscriptSpellsTheGuestWithTwoLettersSwapped_FindsTheGuestsTurns()
    {
        var passage = TestPassages.Passage("agents", ["micheallanham"], ("Alexey", 0, "Welcome, Michael."), ("Michael", 10, "Break the work into tasks."));

        Assert.Equal("Michael", EpisodePeople.SpeakerNamed("Micheal Lanham", passage));
        Assert.Equal("Michael", EpisodePeople.SpeakerNamed("Micheal", passage));
    }

    [Theory]
    [InlineData("Marta", "mariaschmidt")]         // short names differ by one letter and are different people
    [InlineData("Micah", "micheallanham")]
    [InlineData("Mihcale", "micheallanham")]      // two slips, not one
    public void SpeakerNamed_AnotherNameOrMoreThanOneSlip_FindsNoSpeaker(string speaker, string guestId)
    {
        var passage = TestPassages.Passage("other", [guestId], ("Alexey", 0, "Welcome."), (speaker, 10, "Thanks."));

        Assert.Null(EpisodePeople.SpeakerNamed(guestId[..5], passage));
    }

    [Theory]
    [InlineData("How does Marianna Diachuk cope with dropping a project?", "Marianna Diachuk", "How does cope with dropping a project?")]
    [InlineData("What is Valerii's view on design docs?", "Valerii", "What is view on design docs?")]
    [InlineData("What did Ravi say?", "Ravi", null)]                           // nothing but the name is asked
    [InlineData("What does she say about Kubeflow?", "Nemanja", null)]          // no name to take out
    public void WithoutNames_TakesThePeopleOutOfTheQuestion(string question, string name, string? expected) =>
        Assert.Equal(expected, ExtractiveAnswerer.WithoutNames(question, [name]));

    [Fact]
    public void KeyTerms_MiddleNameTheTranscriptNeverSays_IsPartOfTheGuestsFullName()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("bio", ["sebastianayalaruano"], ("Sebastian", 0, "The biology courses were too theoretical."))]);

        Assert.Empty(KeyTerms.MissingFrom("Why did Sebastian Ayala Ruano leave lab biology for programming?", sources));
        Assert.Equal(["Ayala"], KeyTerms.MissingFrom("Why did Sebastian move to Ayala?", sources));
    }

    [Fact]
    public void KeyTerms_SurnameWithAnUmlautTheTranscriptNeverSays_IsTheGuestsName()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("de-switch", ["ellenkonig"], ("Ellen", 0, "Data quality is the biggest challenge."))]);

        Assert.Empty(KeyTerms.MissingFrom("What does Ellen König see as the biggest challenge?", sources));
        Assert.Empty(KeyTerms.MissingFrom("What does Ellen Koenig see as the biggest challenge?", sources));
    }

    [Fact]
    public void KeyTerms_NameWrittenAsTwoWordsWhereTheSourceWritesOne_Found()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("elt", ["nataliekwong"], ("Natalie", 0, "Airbyte is an extract and load platform."))]);

        Assert.Empty(KeyTerms.MissingFrom("What does Air Byte do, as Natalie Kwong describes it?", sources));
        Assert.Equal(["Fivetran"], KeyTerms.MissingFrom("What does Air Byte do better than Fivetran?", sources));
    }

    [Fact]
    public void QuoteLocator_FindAll_ReturnsEveryPlaceInOrder()
    {
        var text = "Data quality matters.\nData quality matters.\nSo does speed.";

        Assert.Equal(new[] { (0, 20), (22, 42) }, QuoteLocator.FindAll(text, "data quality matters").ToArray());
    }

    [Fact]
    public void Validate_QuoteTheTranscriptRepeats_CitedWhereTheReplySaysItWasSaid_WithItsSpeaker()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("de-switch", ["ellenkonig"],
            ("Alexey", 753, "Then something happens after that, right?"),
            (null, 756, "Data quality is the biggest challenge for data engineers."),
            ("Ellen", 762, "Data quality is the biggest challenge for data engineers."),
            ("Alexey", 785, "Does that apply to everyone?"))]);
        var draft = new DraftAnswer(DraftStatus.Answered, "Data quality [1].", [new DraftCitation(1, 1, "Data quality is the biggest challenge for data engineers.", "12:42")]);

        var citation = Assert.Single(Assert.IsType<Answer>(CitationValidator.Validate(draft, sources, AnswerMode.Extractive).Answer).Citations);

        Assert.Equal("Ellen", citation.Speaker);
        Assert.Equal(762, citation.StartSec);
        Assert.Equal(785, citation.EndSec);
    }

    [Fact]
    public async Task Extractive_LineRepeatedWithoutASpeaker_QuotedUnderItsSpeaker()
    {
        var sources = AnswerSource.NumberAll([TestPassages.Passage("de-switch", ["ellenkonig"],
            ("Alexey", 753, "What is the hardest part of data engineering for you?"),
            (null, 756, "The hardest part of data engineering is data quality, every single day."),
            ("Ellen", 762, "The hardest part of data engineering is data quality, every single day."),
            ("Alexey", 785, "Interesting."))]);

        var answer = await AnswerAsync("What is the hardest part of data engineering?", sources);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Ellen", c.Speaker));
        Assert.Equal(762, answer.Citations[0].StartSec);
    }

    [Fact]
    public async Task Extractive_PassageOfTheHostAlone_HostKnownFromAnotherSource_NotQuoted()
    {
        // The first source shows only Dana, so it cannot tell who is who; the second shows Dana interviewing a guest.
        var sources = AnswerSource.NumberAll(
        [
            TestPassages.Passage("warehouse-bill", ["ravimenon"], ("Dana", 0, "Vendor lock-in costs a startup a lot of money later on, vendor lock-in everywhere.")),
            TestPassages.Passage("lean-mlops", ["nemanjaradojkovic"], ("Dana", 0, "Welcome to the show."),
                ("Nemanja", 5, "Vendor lock-in is a cost a startup pays later, if it survives at all.")),
        ]);

        var answer = await AnswerAsync("What does vendor lock-in mean for a startup that survives?", sources);

        Assert.True(answer.Status == AnswerStatus.Answered, $"{answer.Status} {answer.Reason}");
        Assert.All(answer.Citations, c => Assert.Equal("Nemanja", c.Speaker));
    }

    [Fact]
    public async Task Extractive_QuestionAboutAPersonsWords_QuotesNobodyElse()
    {
        var sources = AnswerSource.NumberAll(
        [
            TestPassages.Passage("risk", ["priyaraman"], ("Priya", 0, "Vendor lock-in is the biggest risk of a startup warehouse, vendor lock-in everywhere.")),
            TestPassages.Passage("warehouse-bill", ["ravimenon"], ("Ravi", 0, "Vendor lock-in made our warehouse bill triple in one year.")),
        ]);

        var answer = await AnswerAsync("What does Ravi say about vendor lock-in?", sources, o => o.PersonMargin = 1);

        Assert.Equal(AnswerStatus.Answered, answer.Status);
        Assert.All(answer.Citations, c => Assert.Equal("Ravi", c.Speaker));
    }

    [Fact]
    public async Task Extractive_PersonWhoseWordsAreFarFromTheTopic_NotHeardOnIt()
    {
        var sources = AnswerSource.NumberAll(
        [
            TestPassages.Passage("autoscaling", ["priyaraman"], ("Priya", 0, "Kubernetes autoscaling of GPU nodes saved us money on Kubernetes.")),
            TestPassages.Passage("warehouse-bill", ["ravimenon"], ("Ravi", 0, "Our warehouse bill tripled in one year, so autoscaling was never our worry.")),
        ]);

        var far = await AnswerAsync("What does Ravi say about Kubernetes autoscaling of GPU nodes?", sources);
        var anyDistance = await AnswerAsync("What does Ravi say about Kubernetes autoscaling of GPU nodes?", sources, o => o.PersonMargin = 1);

        Assert.Equal(AnswerStatus.NotInArchive, far.Status);
        Assert.Equal(RefusalReason.PersonNotHeard, far.Reason);
        Assert.True(anyDistance.Status == AnswerStatus.Answered, $"{anyDistance.Status} {anyDistance.Reason}");
    }

    [Fact]
    public async Task Extractive_FigureAboutANamedGuest_NotTakenFromAnotherGuestsEpisode()
    {
        var sources = AnswerSource.NumberAll(
        [
            TestPassages.Passage("team-lead", ["mariasmith"], ("Maria", 0, "I manage eight people on my data team.")),
            TestPassages.Passage("platforms", ["rahuljain"], ("Rahul", 0, "I manage a data team at the company and we hire every year.")),
        ]);

        var rahul = await AnswerAsync("How many people does Rahul Jain manage on his data team?", sources);
        var maria = await AnswerAsync("How many people does Maria Smith manage on her data team?", sources);

        Assert.Equal(AnswerStatus.NotInArchive, rahul.Status);
        Assert.Equal(RefusalReason.FigureNotStated, rahul.Reason);
        Assert.Equal(AnswerStatus.Answered, maria.Status);
        Assert.Contains("eight people", maria.Citations[0].Quote);
    }

    [Theory]
    [InlineData("How much does Noah Gift make each month from his YouTube videos?", FigureKind.Amount)]
    [InlineData("How much money did the course make?", FigureKind.Amount)]
    [InlineData("How much progress did the team make?", FigureKind.None)]
    public void FigureQuestion_HowMuchSomeoneMakes_AsksForMoney(string question, FigureKind kind) =>
        Assert.Equal(kind, FigureQuestion.Of(question));

    [Theory]
    [InlineData("It's not that the marathon is difficult. I've run seven.", true)]
    [InlineData("I run every morning before work, seven days of the week.", false)]
    [InlineData("Seven people ran it with me.", false)]
    public void CountQuestionEndingOnAVerb_NumberRightAfterThatVerb_StatesTheCount(string text, bool states) =>
        Assert.Equal(states, QuestionFocus.Of("How many marathons has Noah Gift run?").Figured(text));

    [Fact]
    public void CountQuestionEndingOnAnAuxiliary_HasNoCountingVerb() =>
        Assert.Null(QuestionFocus.Of("How many employees does Parcelwise have?").CountingVerb);

    [Theory]
    [InlineData("How does Ellen König handle GDPR compliance in her pipelines?", "Ellen König")]
    [InlineData("What did Noah Gift build for his courses?", "Noah Gift")]
    [InlineData("How does Kubeflow compare with Airflow?", "Kubeflow")]
    [InlineData("How do you handle GDPR compliance?", "")]
    [InlineData("Why did Rahul Jain's team switch from ETL to ELT?", "")]
    public void SubjectNames_TheNameBeforeTheQuestionsVerb(string question, string expected) =>
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), QuestionFocus.Of(question).SubjectNames);

    [Fact]
    public async Task Extractive_GuestAsSubjectOfATopicTheyNeverDiscuss_NotHeard_ToolAsSubject_Answered()
    {
        var sources = AnswerSource.NumberAll(
        [
            TestPassages.Passage("privacy", ["priyaraman"], ("Priya", 0, "GDPR compliance in our pipelines means deleting personal data on request.")),
            TestPassages.Passage("warehouse-bill", ["ravimenon"], ("Ravi", 0, "Our warehouse bill tripled in one year, so we moved the tables out.")),
        ]);

        var ravi = await AnswerAsync("How does Ravi Menon handle GDPR compliance in pipelines?", sources);
        var tool = await AnswerAsync("How does GDPR compliance work in pipelines?", sources);

        Assert.Equal(AnswerStatus.NotInArchive, ravi.Status);
        Assert.Equal(RefusalReason.PersonNotHeard, ravi.Reason);
        Assert.Equal(AnswerStatus.Answered, tool.Status);
    }

    private Task<Answer> AnswerAsync(string question, IReadOnlyList<AnswerSource> sources, Action<AnswerOptions>? configure = null)
    {
        var options = TestAnswers.Lenient();
        configure?.Invoke(options);
        return TestAnswers.ExtractiveAsync(_embedder, question, sources, options);
    }
}
