using Ask.Core.Episodes;

namespace Ask.Core.Answering;

public enum AnswerStatus
{
    /// <summary>The sources answer the question; every claim cites one.</summary>
    Answered,
    /// <summary>The archive does not cover the question.</summary>
    NotInArchive,
    /// <summary>The model declined to answer (a refusal under structured outputs).</summary>
    Refused,
}

/// <summary>
/// Why the archive was taken not to answer a question (a closed list: clients may show it, and the
/// evaluation counts refusals by it). Only the extractive rules set one; a model's own verdict has none.
/// </summary>
public enum RefusalReason
{
    None,
    /// <summary>A specific name or term of the question appears in no retrieved source.</summary>
    TermNotInSources,
    /// <summary>No sentence of the sources comes close enough to the question.</summary>
    NothingClose,
    /// <summary>The nearest passage and the best sentence together are too far from the question.</summary>
    WeakSupport,
    /// <summary>A topic word of the question is in no transcript, and nothing in the sources means it.</summary>
    UnknownWord,
    /// <summary>The question asks for a figure (count, amount, share, date, duration) that no close sentence states.</summary>
    FigureNotStated,
    /// <summary>The question asks for a person's own words, and that person says nothing close in the sources.</summary>
    PersonNotHeard,
    /// <summary>The sources have no sentence that may be quoted (questions, fillers, instructions only).</summary>
    NothingQuotable,
}

public enum AnswerMode
{
    /// <summary>Written by the language model, then validated.</summary>
    Generative,
    /// <summary>Composed from verbatim transcript sentences, with no language model.</summary>
    Extractive,
}

/// <summary>
/// A validated answer: <see cref="Text"/> carries <c>[n]</c> markers, one <see cref="Citation"/> per
/// marker. Nothing here was taken from a model without being checked against the retrieved sources.
/// </summary>
public sealed record Answer(AnswerStatus Status, string Text, IReadOnlyList<Citation> Citations, AnswerMode Mode)
{
    /// <summary>Why a generative answer fell back to the extractive one, when it did.</summary>
    public string? Degraded { get; init; }

    /// <summary>How many retrieved sources the answer was composed from.</summary>
    public int SourcesUsed { get; init; }

    /// <summary>Prompt name and version the model answered with (<c>answer.v1</c>); null in extractive mode.</summary>
    public string? Prompt { get; init; }

    /// <summary>Repair rounds the model needed before its answer passed validation; 0 when the first reply did.</summary>
    public int RepairRounds { get; init; }

    /// <summary>For <see cref="AnswerStatus.NotInArchive"/> from the extractive rules: which rule decided it.</summary>
    public RefusalReason Reason { get; init; }
}

/// <summary>One marker's evidence: the exact words said, by whom, and where in which episode.</summary>
/// <param name="StartSec">Start of the transcript line where <paramref name="Quote"/> begins.</param>
/// <param name="EndSec">Start of the line after the one where the quote ends (or the source's end).</param>
public sealed record Citation(
    int Marker,
    string EpisodeId,
    string EpisodeTitle,
    double StartSec,
    double EndSec,
    string? Speaker,
    string Quote,
    string? Url)
{
    /// <summary>The show the cited episode belongs to.</summary>
    public Podcast Podcast { get; init; } = Podcast.DataTalksClub;

    public string Start => Timestamp.Format(StartSec);
    public string End => Timestamp.Format(EndSec);
}
