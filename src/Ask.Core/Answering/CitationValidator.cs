using System.Text.Json;
using System.Text.RegularExpressions;
using Ask.Core.Chunking;
using Ask.Core.Episodes;

namespace Ask.Core.Answering;

/// <summary>
/// Decides whether a model's reply may leave the server: it must parse as a <see cref="DraftAnswer"/>,
/// cite only sources given for this question, quote them verbatim (under <see cref="QuoteLocator"/>'s
/// normalisation), name a time inside the cited source, and use markers and citations one-to-one.
/// A valid reply becomes an <see cref="Answer"/> whose titles, speakers, times and links come from the
/// retrieved chunks; the start second is snapped to the line where the quote begins.
/// </summary>
public static partial class CitationValidator
{
    /// <summary>Quotes shorter than this prove nothing ("the", "yes").</summary>
    public const int MinQuoteWords = 3;

    private static readonly JsonSerializerOptions Json = new()
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    [GeneratedRegex(@"\[(\d{1,3})\]")]
    private static partial Regex Marker();

    /// <summary>Links and markup in answer text: URLs, bare www. hosts, HTML-like tags, markdown links and images.</summary>
    [GeneratedRegex(@"(?:https?|ftp)://[^\s<>""')\]]+|\bwww\.[^\s<>""')\]]+|</?[A-Za-z!][^<>]{0,200}>|!?\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)", RegexOptions.IgnoreCase)]
    private static partial Regex LinkOrMarkup();

    public static DraftValidation Validate(string? reply, IReadOnlyList<AnswerSource> sources, AnswerMode mode)
    {
        DraftAnswer? draft;
        try
        {
            draft = string.IsNullOrWhiteSpace(reply) ? null : JsonSerializer.Deserialize<DraftAnswer>(reply, Json);
        }
        catch (JsonException e)
        {
            return DraftValidation.Invalid($"The reply is not JSON of the required shape: {e.Message}");
        }
        return draft is null ? DraftValidation.Invalid("The reply is empty; a JSON object of the required shape is expected.") : Validate(draft, sources, mode);
    }

    public static DraftValidation Validate(DraftAnswer draft, IReadOnlyList<AnswerSource> sources, AnswerMode mode)
    {
        var errors = new List<string>();
        var text = draft.Answer?.Trim() ?? "";
        var citations = draft.Citations ?? [];
        if (draft.Status == DraftStatus.NotInArchive)
        {
            if (citations.Count > 0) errors.Add("A not_in_archive answer must have an empty citations list.");
            return errors.Count > 0
                ? new DraftValidation(null, errors)
                : new DraftValidation(new Answer(AnswerStatus.NotInArchive, NotInArchiveText, [], mode) { SourcesUsed = sources.Count }, []);
        }

        if (text.Length == 0) errors.Add("The answer is empty; an answered status needs answer text with [n] markers.");
        // A link or markup the sources do not contain came from the model (or an injection it obeyed): the
        // answer is rejected — repaired or replaced by the extractive answer — never shown with it.
        foreach (var found in LinkOrMarkup().Matches(text).Select(m => m.Value).Distinct())
            if (!sources.Any(s => s.Passage.Text.Contains(found, StringComparison.OrdinalIgnoreCase)))
                errors.Add($"The answer contains a link or markup (\"{Shorten(found)}\") that no source contains; answer in plain words with [n] markers only.");
        var markers = Marker().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        if (text.Length > 0 && markers.Count == 0) errors.Add("The answer has no [n] markers; every claim must cite a source.");
        foreach (var group in citations.GroupBy(c => c.Marker).Where(g => g.Count() > 1))
            errors.Add($"Marker [{group.Key}] has {group.Count()} citations; give exactly one per marker.");
        foreach (var marker in markers.Where(m => citations.All(c => c.Marker != m)).Order())
            errors.Add($"Marker [{marker}] in the answer has no citation.");

        var validated = new List<Citation>();
        foreach (var draftCitation in citations.DistinctBy(c => c.Marker).OrderBy(c => c.Marker))
        {
            if (!markers.Contains(draftCitation.Marker))
            {
                errors.Add($"Citation {draftCitation.Marker} has no [{draftCitation.Marker}] marker in the answer.");
                continue;
            }
            var citation = Check(draftCitation, sources, errors);
            if (citation is not null) validated.Add(citation);
        }

        if (errors.Count == 0)
        {
            var speakers = sources.SelectMany(s => s.Passage.Speakers).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(ClaimChecks.MisattributedClaims(text, validated, speakers));
            foreach (var figure in ClaimChecks.UnquotedFigures(text, validated))
                errors.Add($"The answer states the figure {figure}, which none of its quotes contains; state only figures the quoted words give.");
        }
        return errors.Count > 0
            ? new DraftValidation(null, errors)
            : new DraftValidation(new Answer(AnswerStatus.Answered, text, validated, mode) { SourcesUsed = sources.Count }, []);
    }

    /// <summary>
    /// The only text a <c>not_in_archive</c> answer of the model shows: the model's own words for it are
    /// not validated against any source, so a prompt injection in a transcript could otherwise put any
    /// sentence (or link) in front of the user.
    /// </summary>
    public const string NotInArchiveText = "The archive does not seem to cover this question.";

    /// <summary>The only text a refusal shows, for the same reason; the model's words go to the log.</summary>
    public const string RefusedText = "This question cannot be answered from the archive.";

    private static Citation? Check(DraftCitation draft, IReadOnlyList<AnswerSource> sources, List<string> errors)
    {
        var prefix = $"Citation [{draft.Marker}]";
        var source = sources.FirstOrDefault(s => s.Number == draft.Source);
        if (source is null)
        {
            errors.Add($"{prefix} names source {draft.Source}, but the sources are numbered 1 to {sources.Count}.");
            return null;
        }
        var passage = source.Passage;
        if (TextStatistics.CountWords(QuoteLocator.Normalize(draft.Quote ?? "")) < MinQuoteWords)
        {
            errors.Add($"{prefix}: the quote must copy at least {MinQuoteWords} words from source {source.Number}.");
            return null;
        }
        var places = QuoteLocator.FindAll(passage.Text, draft.Quote!).ToList();
        if (places.Count == 0)
        {
            errors.Add($"{prefix}: the quote \"{Shorten(draft.Quote!)}\" is not in source {source.Number}; copy the words exactly.");
            return null;
        }
        var timed = Timestamp.TryParse(draft.Start, out var claimed);
        if (!timed)
            errors.Add($"{prefix}: the start \"{draft.Start}\" is not a time label like 20:17 or 1:02:03.");
        else if (claimed < Math.Floor(passage.StartSec) - 1 || claimed > passage.EndSec + 1)
            errors.Add($"{prefix}: the time {draft.Start} is outside source {source.Number} ({passage.TimeRange}).");

        var lines = passage.Lines;
        // Words said twice (the archive repeats some lines, once without time or speaker) are cited where the
        // reply says they were said, and where a speaker is known: the copy would credit nobody.
        var span = places.OrderBy(p => timed ? Math.Abs(lines[LineAt(lines, p.Start)].StartSec - claimed) : 0)
            .ThenBy(p => lines[LineAt(lines, p.Start)].Speaker is null)
            .First();
        var first = LineAt(lines, span.Start);
        var last = LineAt(lines, span.End - 1);
        // A quote is one speaker's words: it may span that speaker's consecutive lines, never another's.
        for (var i = first + 1; i <= last; i++)
            if (!string.Equals(lines[i].Speaker, lines[first].Speaker, StringComparison.Ordinal))
            {
                errors.Add($"{prefix}: the quote runs from {lines[first].Speaker ?? "one speaker"}'s words into {lines[i].Speaker ?? "another speaker"}'s; quote one speaker only.");
                return null;
            }
        var start = lines[first].StartSec;
        var end = EndOf(lines, last, start, passage.EndSec, passage.Text[span.Start..span.End]);
        return new Citation(draft.Marker, passage.EpisodeId, passage.EpisodeTitle, start, end,
            lines[first].Speaker, passage.Text[span.Start..span.End].Replace('\n', ' '), passage.LinkAt(start))
        {
            Podcast = passage.Podcast,
        };
    }

    // People speak about 2.5 words a second: how long a quote lasts when no later line says when it ended.
    private const double WordsPerSecond = 2.5;

    /// <summary>
    /// Where the quote ends: the start of the first later line that starts later (estimated starts can
    /// repeat one time), else the source's end — and never at or before its start, so that no citation is
    /// a zero-length moment like 10:46–10:46.
    /// </summary>
    private static double EndOf(IReadOnlyList<Retrieval.PassageLine> lines, int last, double start, double sourceEnd, string quote)
    {
        for (var i = last + 1; i < lines.Count; i++)
            if (lines[i].StartSec > start) return lines[i].StartSec;
        if (sourceEnd > start) return sourceEnd;
        return start + Math.Max(1, Math.Ceiling(TextStatistics.CountWords(quote) / WordsPerSecond));
    }

    private static int LineAt(IReadOnlyList<Retrieval.PassageLine> lines, int offset)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
            if (lines[i].Offset <= offset) return i;
        return 0;
    }

    private static string Shorten(string quote) => quote.Length <= 80 ? quote : quote[..77] + "...";
}

/// <summary>The outcome of validating a draft: the answer, or every reason it was rejected.</summary>
public sealed record DraftValidation(Answer? Answer, IReadOnlyList<string> Errors)
{
    public bool IsValid => Answer is not null;

    public static DraftValidation Invalid(string error) => new(null, [error]);
}
