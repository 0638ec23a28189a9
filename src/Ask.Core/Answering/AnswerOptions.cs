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
    /// to cover the question. Default 0.35, chosen from answerable vs unanswerable golden questions together
    /// with <see cref="RequireKeyTerms"/> (README): similarity alone separates the two only loosely, so it is
    /// kept low enough that answerable questions are rarely refused.
    /// </summary>
    public double NotInArchiveThreshold { get; set; } = 0.35;

    /// <summary>
    /// Answer extractively only when every specific name or version in the question (<see cref="KeyTerms"/>)
    /// appears in a retrieved source. Default true.
    /// </summary>
    public bool RequireKeyTerms { get; set; } = true;

    /// <summary>
    /// A question with a topic word that no transcript contains (<see cref="Retrieval.IArchiveVocabulary"/>:
    /// "sourdough", "wildfire") is answered only when its best sentence is at least this similar; below it,
    /// the archive is taken not to cover the question. Chosen from the golden questions (README). 0 turns
    /// the rule off.
    /// </summary>
    public double UnknownWordThreshold { get; set; }

    /// <summary>A quote is used only if it is within this much of the best sentence's similarity. Default 0.12.</summary>
    public double QuoteMargin { get; set; } = 0.12;

    /// <summary>Turns of a conversation kept for rewriting follow-ups. Default 3.</summary>
    public int HistoryTurns { get; set; } = 3;
}
