namespace Ask.Core.Answering;

public sealed class AnswerOptions
{
    public const string Section = "Answering";

    /// <summary>Passages retrieved and numbered as sources for one question. Default 6.</summary>
    public int Sources { get; set; } = 6;

    /// <summary>Rounds that send the validation errors back to the model before falling back. Default 1.</summary>
    public int RepairRounds { get; set; } = 1;

    /// <summary>
    /// When the language model cannot be reached or keeps failing validation, answer extractively (marked
    /// <c>degraded</c>) instead of failing the request with 503/504. Default true.
    /// </summary>
    public bool FallBackToExtractive { get; set; } = true;

    /// <summary>Quotes an extractive answer is made of, at most. Default 3.</summary>
    public int ExtractiveQuotes { get; set; } = 3;

    /// <summary>Top sources the extractive answerer reads sentences from. Default 4.</summary>
    public int ExtractiveSources { get; set; } = 4;

    /// <summary>Sentences embedded per question after a lexical pre-selection (embedding is the cost). Default 12.</summary>
    public int ExtractiveCandidates { get; set; } = 12;

    /// <summary>
    /// Below this cosine similarity between the question and its best sentence, the archive is taken not
    /// to cover the question, whatever else holds. A floor under <see cref="SupportThreshold"/>, which
    /// decides most cases and needs a dense ranking; at the earlier 0.35 it only refused an answerable
    /// question whose passage was close (README). Default 0.30.
    /// </summary>
    public double NotInArchiveThreshold { get; set; } = 0.30;

    /// <summary>
    /// The mean of the best sentence's similarity and the nearest chunk's (<see cref="Retrieval.RetrievalResult.NearestSimilarity"/>)
    /// must reach this, or the archive is taken not to cover the question. A question the archive
    /// answers is close at both scales — a passage about its topic and a sentence saying the thing; an
    /// off-topic one ("a recipe for sourdough bread") can match one stray sentence ("There is a recipe")
    /// or a passage about a neighbouring topic, rarely both. Default 0.40, chosen on the golden questions
    /// and checked on the held-out ones (README). 0 turns the rule off.
    /// </summary>
    public double SupportThreshold { get; set; } = 0.40;

    /// <summary>
    /// Answer extractively only when every specific name or version in the question (<see cref="KeyTerms"/>)
    /// appears in a retrieved source. Default true.
    /// </summary>
    public bool RequireKeyTerms { get; set; } = true;

    /// <summary>
    /// When the question names a person whose words alone may answer, score the sentences against the question
    /// without the name (one more embedding of the question). Default true.
    /// </summary>
    public bool ScoreWithoutNames { get; set; } = true;

    /// <summary>
    /// A topic word of the question that no transcript contains (<see cref="Retrieval.IArchiveVocabulary"/>) needs a
    /// word in the sources at least this similar in meaning (<see cref="UnknownWordCheck"/>: "railway" finds
    /// "railroad", "unmanned" finds "drones", "wildfire" finds nothing), or the archive is taken not to cover the question. Default
    /// 0.50, chosen on the golden questions (README); 0 turns the rule off. Stores without a vocabulary
    /// (Qdrant) skip it.
    /// </summary>
    public double UnknownWordMatch { get; set; } = 0.50;

    /// <summary>
    /// <see cref="UnknownWordMatch"/> applies only to questions whose support (see <see cref="SupportThreshold"/>) is
    /// below this. With a close passage and a close sentence, a word no transcript contains is the
    /// question's phrasing rather than its topic — a small archive lacks many ordinary words ("hardest").
    /// Default 0.50: above every unanswerable question the word rule catches in the golden and held-out sets (README).
    /// </summary>
    public double UnknownWordSupport { get; set; } = 0.50;

    /// <summary>A quote is used only if it is within this much of the best sentence's similarity. Default 0.12.</summary>
    public double QuoteMargin { get; set; } = 0.12;

    /// <summary>
    /// The first retrieved source's best quotable sentence gets a place among the excerpts when it comes within
    /// this much of the sentence that leads the answer: retrieval, which weighs whole passages, words and names,
    /// finds the right moment more often than one sentence's similarity does. Default 0.30 (0.12, the quote
    /// margin, left out the right moment of 3 golden questions; docs/answering.md).
    /// </summary>
    public double TopSourceMargin { get; set; } = 0.30;

    /// <summary>
    /// The host's sentence from a turn that asks nothing and introduces nobody — the host telling his own story
    /// — is quoted after the guests' excerpts when it is at least this much closer to the question than the
    /// best of them. Default 0.05; 1 turns it off.
    /// </summary>
    public double HostStoryMargin { get; set; } = 0.05;

    /// <summary>
    /// A question asking for a figure (<see cref="FigureQuestion"/>) is answered only with sentences that
    /// state one of its kind and come within this much of the best sentence's similarity; with none, the
    /// archive is taken not to give the figure. Default 0.15.
    /// </summary>
    public double FigureMargin { get; set; } = 0.15;

    /// <summary>
    /// A question that puts a person in the speaker's place ("What does Noah Gift say about Kafka?",
    /// <see cref="QuestionFocus.SpeakerNames"/>) is answered with that person's words only, and only when their
    /// best sentence comes within this much of the best sentence anyone in the sources said; further below,
    /// others talk about the topic and that person does not. Default 0.20 (measured: docs/answering.md).
    /// </summary>
    public double PersonMargin { get; set; } = 0.20;

    /// <summary>
    /// A follow-up with a pronoun ("how did they measure it?") is rewritten from the previous answer only
    /// when, retrieved alone, its nearest chunk is less similar than this
    /// (<see cref="Retrieval.RetrievalResult.NearestSimilarity"/>): a question that finds its topic by
    /// itself stands alone. Default 0.55.
    /// </summary>
    public double StandaloneSimilarity { get; set; } = 0.55;

    /// <summary>Turns of a conversation kept for rewriting follow-ups. Default 3.</summary>
    public int HistoryTurns { get; set; } = 3;
}
