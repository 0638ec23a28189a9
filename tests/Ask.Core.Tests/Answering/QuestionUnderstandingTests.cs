using Ask.Core.Answering;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Answering;

/// <summary>What the answerer reads from a question beyond its topic: figures, names, spelling variants, follow-ups.</summary>
public sealed class QuestionUnderstandingTests
{
    [Theory]
    [InlineData("How many people does Rahul Jain manage?", FigureKind.Count)]
    [InlineData("How much funding did Evidently raise in its seed round?", FigureKind.Amount)]
    [InlineData("How much does Luke pay junior data scientists?", FigureKind.Amount)]
    [InlineData("How much data do they process per day?", FigureKind.Count)]
    [InlineData("What percentage of models reach production?", FigureKind.Percentage)]
    [InlineData("In what year did Feast start?", FigureKind.Date)]
    [InlineData("When was the company founded?", FigureKind.Date)]
    [InlineData("How long did the migration take?", FigureKind.Duration)]
    [InlineData("How many years did she work as a consultant?", FigureKind.Duration)]
    [InlineData("How much does experience matter for a junior role?", FigureKind.None)]
    [InlineData("How much of a data team's time should go to maintenance?", FigureKind.Percentage)]
    [InlineData("How much of their time do analysts spend on cleaning data?", FigureKind.Percentage)]
    [InlineData("When should a startup use a feature store?", FigureKind.None)]
    [InlineData("What does Nemanja think about Kubeflow?", FigureKind.None)]
    public void FigureQuestion_KindOfFigureAskedFor(string question, FigureKind expected) =>
        Assert.Equal(expected, FigureQuestion.Of(question));

    [Theory]
    [InlineData("On a normal day that is around ninety million scans.", FigureKind.Count, true)]
    [InlineData("We had 12 people on the team.", FigureKind.Count, true)]
    [InlineData("We grew the team a lot.", FigureKind.Count, false)]
    [InlineData("We raised two million in our seed round.", FigureKind.Amount, true)]
    [InlineData("The tool cost us $40k a year.", FigureKind.Amount, true)]
    [InlineData("That is around ninety million scans.", FigureKind.Amount, false)]
    [InlineData("Funding was hard to get for us.", FigureKind.Amount, false)]
    [InlineData("About 30% of our models never ship.", FigureKind.Percentage, true)]
    [InlineData("Half of the projects fail.", FigureKind.Percentage, true)]
    [InlineData("Many projects fail, in my experience.", FigureKind.Percentage, false)]
    [InlineData("We started the project in 2019.", FigureKind.Date, true)]
    [InlineData("I joined three years ago.", FigureKind.Date, true)]
    [InlineData("I have been there for four years.", FigureKind.Date, false)]
    [InlineData("It took us about six months to migrate.", FigureKind.Duration, true)]
    [InlineData("It took a while to migrate.", FigureKind.Duration, false)]
    public void FigureQuestion_StatesAFigureOfTheKind(string sentence, FigureKind kind, bool expected) =>
        Assert.Equal(expected, FigureQuestion.States(sentence, kind));

    [Theory]
    [InlineData("nemanjaradojkovic", "Nemanja", true)]
    [InlineData("nemanjaradojkovic", "Radojkovic", true)]
    [InlineData("nemanjaradojkovic", "Nemanja Radojkovic", true)]
    [InlineData("sample-ravi-menon", "Ravi", true)]
    [InlineData("sample-ravi-menon", "Ravi Menon", true)]
    [InlineData("sample-ravi-menon", "Menon Ravi", false)]
    [InlineData("nemanjaradojkovic", "Anja", false)]
    [InlineData("nemanjaradojkovic", "Ne", false)]
    [InlineData("slawomirtulski", "Sławomir", true)]
    public void EpisodePeople_NameOfGuest_FirstNameSurnameOrWholeId(string guestId, string name, bool expected) =>
        Assert.Equal(expected, EpisodePeople.NameOfGuest(name, guestId));

    [Fact]
    public void EpisodePeople_HostIsTheSpeakerWhoIsNoGuest_UnknownWhenIdsNameNobody()
    {
        var chunk = TestPassages.Chunk("lean", "Lean MLOps", 0, 60, ("Alexey", 0, "Today we have Nemanja."), ("Nemanja", 10, "Thanks for having me."));
        var interview = new Passage([chunk with { Guests = ["nemanjaradojkovic"] }], 1);
        var opaque = new Passage([chunk with { Guests = ["guest-0042"] }], 1);

        Assert.True(EpisodePeople.IsHost("Alexey", interview));
        Assert.False(EpisodePeople.IsHost("Nemanja", interview));
        Assert.False(EpisodePeople.IsHost("Alexey", opaque));
        Assert.Equal("Nemanja", EpisodePeople.SpeakerNamed("Radojkovic", interview));
        Assert.Null(EpisodePeople.SpeakerNamed("Radojkovic", opaque));
    }

    [Theory]
    [InlineData("Programme", "the UN Environment Program", true)]
    [InlineData("modelling", "we do feature modeling every day", true)]
    [InlineData("optimise", "we optimize queries", true)]
    [InlineData("colour", "the color of the chart", true)]
    [InlineData("DataTalks", "welcome to data talks club", true)]
    [InlineData("Kube-flow", "kubeflow is hard", true)]
    [InlineData("Data Talks", "welcome to datatalks club", true)]
    [InlineData("DuckLake", "we use duckdb and a lake", false)]
    [InlineData("Ray", "we pay a ray of attention", true)]
    [InlineData("Ray", "the array is big", false)]
    public void SpellingVariants_CaseSpacingHyphensAndBritishAmerican(string term, string text, bool expected) =>
        Assert.Equal(expected, new SpellingVariants(text).Contains(term));

    [Fact]
    public void KeyTerms_TheGuestsSurnameIsNotMissing_WhenTheTranscriptSaysOnlyTheFirstName()
    {
        var chunk = TestPassages.Chunk("lean", "Lean MLOps", 0, 60, ("Nemanja", 10, "Kubeflow is a pain for a small team."));
        var sources = AnswerSource.NumberAll([new Passage([chunk with { Guests = ["nemanjaradojkovic"] }], 1)]);

        Assert.Empty(KeyTerms.MissingFrom("What does Nemanja Radojkovic think about Kubeflow?", sources));
        Assert.Equal(["Jovanovic"], KeyTerms.MissingFrom("What does Nemanja Jovanovic think about Kubeflow?", sources));
    }

    [Theory]
    [InlineData("What did Nemanja Radojkovic say?", new[] { "Nemanja", "Radojkovic" })]
    [InlineData("Radojkovic's view on lock-in?", new[] { "Radojkovic" })]
    [InlineData("How does MLOps work?", new[] { "MLOps" })]
    public void QuestionFocus_NamesAreItsCapitalisedWords(string question, string[] names) =>
        Assert.Equal(names, QuestionFocus.Of(question).Names);

    [Theory]
    [InlineData("What does Katharine Jarmul recommend for securing Kubernetes clusters?", new[] { "Katharine Jarmul" })]
    [InlineData("What's Eugene Yan's advice for someone who wants to start writing?", new[] { "Eugene Yan" })]
    [InlineData("What is Angelica Lo Duca's view on quantum computing?", new[] { "Angelica Lo Duca" })]
    [InlineData("What problem does skops address, according to Tamara Atanasoska?", new[] { "Tamara Atanasoska" })]
    [InlineData("Marcello La Rocca said what about data mesh?", new[] { "Marcello La Rocca" })]
    [InlineData("How does Kubeflow compare to Airflow?", new string[0])]
    [InlineData("What does MLflow do for a small team?", new string[0])]
    [InlineData("How does Monte Carlo detect broken tables?", new string[0])]
    [InlineData("Why did Ravi leave his job?", new string[0])]
    public void QuestionFocus_SpeakerNamesAreThoseWhoseOwnWordsAreAskedFor(string question, string[] names) =>
        Assert.Equal(names, QuestionFocus.Of(question).SpeakerNames);

    [Theory]
    [InlineData("How many GitHub stars does Fairlearn have?", "github stars")]
    [InlineData("How many parcel scan events does Parcelwise see on a normal day?", "parcel scan events")]
    [InlineData("How many people started on the project, and how many were still active?", "people")]
    [InlineData("How many people work at SQIN?", "people")]
    [InlineData("How many potential customers should you interview?", "potential customers")]
    [InlineData("How many salespeople did he support there?", "salespeople")]
    [InlineData("How many times did she rework her CV?", null)]
    public void FigureQuestion_TheCountedNoun(string question, string? noun) =>
        Assert.Equal(noun, FigureQuestion.CountedNounOf(question));

    [Theory]
    [InlineData("How many GitHub stars does Fairlearn have?", "The Discord has around 370-380 people.", false)]
    [InlineData("How many GitHub stars does Zingg have?", "If you have a project and have 5000 stars but no active people, it's not worth anything.", true)]
    [InlineData("How many subscribers does the newsletter have?", "There's another one that I just subscribed to like a week or two ago.", false)]
    [InlineData("How many people does Rahul manage?", "Currently, I manage eight people.", true)]
    [InlineData("How many parcel scan events does Parcelwise see?", "On a normal day that is around ninety million parcel scans.", true)]
    [InlineData("How many salespeople did he support?", "They had 140 people on the sales team.", true)]
    [InlineData("How many people are on the team?", "The team is about twenty now.", true)]
    [InlineData("How many dogs are in the dataset?", "Sleep can reveal pain two to three days before activity changes appear.", false)]
    public void QuestionFocus_ACountQuestionNeedsANumberOfWhatItCounts(string question, string sentence, bool expected) =>
        Assert.Equal(expected, QuestionFocus.Of(question).Figured(sentence));

    [Theory]
    [InlineData("What salary did Tatiana get when she joined LinkedIn?", FigureKind.Amount)]
    [InlineData("What does Christoph charge for his book?", FigureKind.Amount)]
    [InlineData("What did it cost them in terms of time?", FigureKind.None)]
    [InlineData("What does Christoph think about pricing?", FigureKind.None)]
    public void FigureQuestion_MoneyAskedForWithoutHowMuch(string question, FigureKind kind) =>
        Assert.Equal(kind, FigureQuestion.Of(question));

    [Fact]
    public void KeyTerms_ParticlesAndHyphenatedPartsOfAGuestsName_AreNotMissing()
    {
        var chunk = TestPassages.Chunk("cdo", "The Chief Data Officer", 0, 60, ("Marco", 10, "An MBA prepares you for that."));
        var marco = AnswerSource.NumberAll([new Passage([chunk with { Guests = ["marcodesa"] }], 1)]);
        var maria = AnswerSource.NumberAll([new Passage([chunk with { Guests = ["mariabruckert"] }], 1)]);

        Assert.Empty(KeyTerms.MissingFrom("Does Marco De Sa think a chief data officer needs an MBA?", marco));
        Assert.Empty(KeyTerms.MissingFrom("How did Maria-Liisa Bruckert get to know healthcare?", maria));
        // A wrong surname is still missing, particles or not.
        Assert.Equal(["Rossi"], KeyTerms.MissingFrom("Does Marco De Rossi think a chief data officer needs an MBA?", marco));
    }

    [Theory]
    [InlineData("How many people did Dimitri support there? (Becoming a Data Freelancer)", "How many people did Dimitri support there?")]
    [InlineData("What is MLOps (machine learning operations)?", "What is MLOps (machine learning operations)?")]
    [InlineData("What is MLOps? (machine learning operations", "What is MLOps? (machine learning operations")]
    public void FollowUpRewriter_TheEpisodeHintComesOffAgain(string rewritten, string asked) =>
        Assert.Equal(asked, FollowUpRewriter.WithoutEpisodeHint(rewritten));

    [Fact]
    public void FollowUpRewriter_HintGoesAfterTheQuestionsEnd_AndAQuestionNamingSomeoneInFullStandsAlone()
    {
        Assert.Equal("And Dagster? (Fraud Models)", FollowUpRewriter.Rewrite("And Dagster", [Answered]));
        Assert.False(FollowUpRewriter.MayNeedContext("What is the morning fare that Rachel Lim talked about?", [Answered]));
        Assert.True(FollowUpRewriter.MayNeedContext("What did she say about the fare that Rachel Lim mentioned?", [Answered]));
    }

    [Theory]
    [InlineData("How did the host introduce Nemanja?", true)]
    [InlineData("How does the episode start?", true)]
    [InlineData("What does Nemanja think about Kubeflow?", false)]
    public void QuestionFocus_AboutTheHostOrTheEpisode(string question, bool expected) =>
        Assert.Equal(expected, QuestionFocus.Of(question).AboutHostOrEpisode);

    private static readonly ConversationTurn Answered = new("What does Maria think about monitoring?", "Maria, Fraud Models, 1:00–1:30: “…” [1]")
    {
        People = ["Maria"],
        Episode = "Fraud Models",
    };

    [Theory]
    [InlineData("And what did she say about labels?", "And what did Maria say about labels? (Fraud Models)")]
    [InlineData("What tools does her team use?", "What tools does Maria's team use? (Fraud Models)")]
    [InlineData("Did you ask her about drift?", "Did you ask Maria about drift? (Fraud Models)")]
    [InlineData("What about drift in that episode?", "What about drift in that episode? (Fraud Models)")]
    public void FollowUpRewriter_UsesThePreviousAnswersPersonAndEpisode(string question, string expected) =>
        Assert.Equal(expected, FollowUpRewriter.Rewrite(question, [Answered]));

    [Fact]
    public void FollowUpRewriter_NeverAfterATurnThatWasNotAnswered()
    {
        var refused = new ConversationTurn("What is a good sourdough recipe?", CitationValidator.NotInArchiveText);

        Assert.False(FollowUpRewriter.MayNeedContext("And what did she say about monitoring?", [refused]));
        // A refused turn in between: the follow-up refers to the answered turn before it, never to the refused one.
        Assert.Equal("And what did Maria say about monitoring? (Fraud Models)", FollowUpRewriter.Rewrite("And what did she say about monitoring?", [Answered, refused]));
        Assert.Equal("And what did she say about monitoring?", FollowUpRewriter.Rewrite("And what did she say about monitoring?", [refused]));
        Assert.True(FollowUpRewriter.MayNeedContext("And what did she say about monitoring?", [Answered]));
        Assert.True(FollowUpRewriter.MayNeedContext("And Dagster?", [Answered]));
        Assert.False(FollowUpRewriter.MayNeedContext("Which orchestrator does Nemanja recommend for startups?", [Answered]));
    }

    [Theory]
    [InlineData("How much funding did Parcelwise raise?", "Our warehouse bill went from forty thousand euros to a hundred and twenty thousand.", false)]
    [InlineData("How much funding did Parcelwise raise?", "We raised two million euros in our seed round.", true)]
    [InlineData("How much does the warehouse cost per month?", "Our warehouse bill went from forty thousand euros to a hundred and twenty thousand.", true)]
    [InlineData("How much money did they save?", "We went from forty thousand euros to twenty thousand.", true)]
    public void QuestionFocus_AnAmountQuestionNeedsThatKindOfMoney(string question, string sentence, bool expected) =>
        Assert.Equal(expected, QuestionFocus.Of(question).Figured(sentence));

    [Theory]
    [InlineData("And what did she say about labels?", true)]
    [InlineData("What did Maria say about her team?", false)]
    [InlineData("How did they measure food waste in the supermarket?", false)]
    [InlineData("Is it worth it for a startup?", false)]
    [InlineData("What would she suggest as a first NLP project?", true)]
    [InlineData("Does he think you need to work at Google to land a keynote?", true)]
    public void FollowUpRewriter_AnUnnamedHeOrSheAlwaysNeedsTheConversation(string question, bool expected) =>
        Assert.Equal(expected, FollowUpRewriter.RefersToAnUnnamedPerson(question));

    [Fact]
    public void FollowUpRewriter_AHistoryTurnWithOnlyItsText_TakesWhoAndWhereFromTheAnswersAttributions()
    {
        var sent = new ConversationTurn("What did Ravi say about vendor lock-in?",
            "Ravi, Sample: Escaping Vendor Lock-In, 3:17–3:35: “For us vendor lock-in had three parts.” [1]\nRavi, Sample: Escaping Vendor Lock-In, 10:06–10:27: “Use the managed warehouse.” [2]");

        Assert.Equal("and what did Ravi do about the access rules? (Sample: Escaping Vendor Lock-In)",
            FollowUpRewriter.Rewrite("and what did he do about the access rules?", [sent]));
    }
}
