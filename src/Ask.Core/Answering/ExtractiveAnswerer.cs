using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Ask.Core.Answering;

/// <summary>
/// Answers without a language model: excerpts of what the episodes' guests said — a few sentences of
/// one speaker's turn, in order, around the sentence most similar to the question (by embedding) —
/// spread over episodes and moments, each quoted verbatim with who said it and where. Used when no
/// model is configured and as the fallback when a model fails.
/// </summary>
/// <remarks>
/// Interviews alternate the host's questions and the guests' replies: the host's introductions and
/// lead-ins are context and are not quoted, unless the question is about the host or the episode, and a
/// question that names a person is answered with that person's words when the sources have them.
/// Sentence vectors come from <see cref="ISentenceVectors"/> when the index keeps them (computed at
/// ingest); only sentences it lacks are embedded here, which is what answering costs on stores that keep none.
/// </remarks>
public sealed class ExtractiveAnswerer(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IOptions<AnswerOptions> options,
    ISentenceVectors? sentenceVectors = null,
    IArchiveVocabulary? vocabulary = null,
    IWordVectors? wordVectors = null)
{
    private readonly UnknownWordCheck _unknownWords = new(embedder, vocabulary, wordVectors);

    /// <summary>A quotable sentence of a source with who said it.</summary>
    private sealed record Candidate(AnswerSource Source, int SourceRank, TurnSentence Sentence, IReadOnlyList<TurnSentence> Turn,
        double Lexical, bool InQuestionTurn, bool ByHost, bool ByNamedPerson, bool BySpeakerAskedAbout, bool OfNamedPerson)
    {
        public double Similarity { get; set; }
        public string EpisodeId => Source.Passage.EpisodeId;
    }

    // A sentence from a turn that asks something ("People say vendor lock-in a lot. What did it mean for
    // you?") restates the topic rather than answering it; it needs to be clearly better to be quoted.
    private const double QuestionTurnPenalty = 0.08;
    private const int ExcerptSentences = 4;
    private const int ExcerptWords = 90;

    /// <param name="nearestSimilarity">
    /// How close the archive's nearest chunk comes to the question (<see cref="RetrievalResult.NearestSimilarity"/>);
    /// null skips <see cref="AnswerOptions.SupportThreshold"/>.
    /// </param>
    public async Task<ExtractiveResult> AnswerAsync(string question, ReadOnlyMemory<float> questionVector, IReadOnlyList<AnswerSource> sources,
        double? nearestSimilarity, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // A rewritten follow-up names its episode in brackets to steer retrieval; the title's words are not
        // what the user asked about, and must not count as terms the sources lack.
        question = FollowUpRewriter.WithoutEpisodeHint(question);
        if (o.RequireKeyTerms && KeyTerms.MissingFrom(question, sources).Count > 0) return Refuse(sources, RefusalReason.TermNotInSources, 0);
        var focus = QuestionFocus.Of(question);
        var read = sources.Take(o.ExtractiveSources).ToList();
        // A subject the sources know as a person is asked about as one: "How does Ellen König handle GDPR?"
        // wants her practice, not anybody's.
        var people = focus.SubjectNames.Where(n => read.Any(s => s.Passage.Guests.Any(g => EpisodePeople.NameOfGuest(n, g)))).ToArray();
        if (people.Length > 0) focus = focus with { SpeakerNames = [.. focus.SpeakerNames, .. people] };
        // "What does Nick Singh recommend for tuning Spark jobs?": Spark is in the sources, but not in his
        // episode's; what others said about it is not what he said, and his words elsewhere are about something else.
        if (o.RequireKeyTerms && focus.SpeakerNames.Count > 0 && SpeakersLabelled(sources))
        {
            var theirs = sources.Where(s => focus.SpeakerNames.Any(n => EpisodePeople.Names(n, s.Passage))).ToArray();
            if (theirs.Length > 0 && KeyTerms.MissingFrom(question, theirs, sources).Count > 0) return Refuse(sources, RefusalReason.PersonNotHeard, 0);
        }
        var candidates = Candidates(question, focus, read);
        if (candidates.Count == 0) return Refuse(sources, RefusalReason.NothingQuotable, 0);

        // Once the named person's words are the only ones that may answer, the name has done its work: left in
        // the question's vector, it pulls every sentence towards the one that says the name (the host's "Welcome,
        // Marianna") and away from the person's own words, which never say it.
        if (o.ScoreWithoutNames && focus.SpeakerNames.Count > 0 && WithoutNames(question, focus.SpeakerNames) is { } topic)
            questionVector = (await embedder.GenerateAsync([topic], cancellationToken: cancellationToken))[0].Vector;
        candidates = await ScoreAsync(candidates, questionVector, o.ExtractiveCandidates, cancellationToken);
        var best = candidates.Max(c => c.Similarity);
        if (best < o.NotInArchiveThreshold) return Refuse(sources, RefusalReason.NothingClose, best);
        // Without a dense ranking there is no nearest chunk, and the best sentence stands for both scales.
        var support = nearestSimilarity is { } nearest ? (best + nearest) / 2 : best;
        if (nearestSimilarity is not null && support < o.SupportThreshold) return Refuse(sources, RefusalReason.WeakSupport, best);
        if (o.UnknownWordMatch > 0 && support < o.UnknownWordSupport
            && (await _unknownWords.MatchAsync(question, sources, cancellationToken)).Any(m => m.Similarity < o.UnknownWordMatch))
            return Refuse(sources, RefusalReason.UnknownWord, best);

        var (chosen, reason) = Choose(candidates, focus, best, o, SpeakersLabelled(sources));
        if (chosen.Count == 0) return Refuse(sources, reason, best);
        return new ExtractiveResult(Compose(chosen, sources), best);
    }

    /// <summary>The question with the people's names (and their possessives) taken out, or null when little else is left.</summary>
    internal static string? WithoutNames(string question, IReadOnlyList<string> names)
    {
        var text = question;
        foreach (var name in names.OrderByDescending(n => n.Length))
            text = Regex.Replace(text, @"\b" + Regex.Escape(name) + @"(?:'s|’s)?\b", " ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        text = string.Join(' ', words);
        return text == question || words.Length < 4 ? null : text;
    }

    /// <summary>
    /// Scores every candidate whose vector the index keeps; of the rest, embeds the lexically best
    /// <paramref name="toEmbed"/> and drops the others (embedding is the cost).
    /// </summary>
    private async Task<List<Candidate>> ScoreAsync(List<Candidate> candidates, ReadOnlyMemory<float> questionVector, int toEmbed, CancellationToken cancellationToken)
    {
        var scored = new List<Candidate>(candidates.Count);
        var unscored = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (sentenceVectors?.Similarity(candidate.Sentence.Text, questionVector.Span) is { } stored)
            {
                candidate.Similarity = stored;
                scored.Add(candidate);
            }
            else unscored.Add(candidate);
        }
        if (unscored.Count > 0)
        {
            // Stores that keep sentence vectors have them all; elsewhere the best few are embedded per question.
            var embed = unscored.OrderByDescending(c => c.ByNamedPerson).ThenByDescending(c => c.Lexical).ThenBy(c => c.SourceRank).Take(toEmbed).ToList();
            if (embed.Count > 0)
            {
                var vectors = await embedder.GenerateAsync(embed.Select(c => c.Sentence.Text), cancellationToken: cancellationToken);
                for (var i = 0; i < embed.Count; i++)
                    embed[i].Similarity = TensorPrimitives.CosineSimilarity(questionVector.Span, vectors[i].Vector.Span);
                scored.AddRange(embed);
            }
        }
        foreach (var candidate in scored)
            if (candidate.InQuestionTurn) candidate.Similarity -= QuestionTurnPenalty;
        return scored;
    }

    /// <summary>
    /// The anchors of the excerpts, best first: the named person's words first when the question names
    /// someone who speaks in the sources; never the host's unless the question is about the host or the
    /// episode; a sentence stating the figure when the question asks for one; one per moment; close to the best.
    /// </summary>
    private static (List<Candidate> Chosen, RefusalReason Reason) Choose(List<Candidate> candidates, QuestionFocus focus, double best, AnswerOptions o, bool speakersLabelled)
    {
        var eligible = candidates.Where(c => c.Sentence.Quotable && c.Similarity >= o.NotInArchiveThreshold
                                             && (!c.ByHost || focus.AboutHostOrEpisode || c.ByNamedPerson)).ToList();
        if (eligible.Count == 0) return ([], RefusalReason.NothingQuotable);
        // "What does Katharine Jarmul recommend for Kubernetes?" is answered by her words or not at all:
        // others' words on the topic are not what she said. Transcripts without speakers cannot tell.
        if (focus.SpeakerNames.Count > 0 && speakersLabelled)
        {
            var own = eligible.Where(c => c.BySpeakerAskedAbout).ToList();
            // Only that person's words answer, and only when they are about the question: when that person's
            // best sentence is far below what others said on it, the person never spoke of it.
            if (own.Count == 0 || own.Max(c => c.Similarity) < eligible.Max(c => c.Similarity) - o.PersonMargin) return ([], RefusalReason.PersonNotHeard);
            eligible = own;
        }
        if (focus.Figure != FigureKind.None)
        {
            // A figure about a person the sources know comes from that person's episodes: another guest's
            // salary or head count is no answer to "How many people does Rahul Jain manage?".
            if (candidates.Any(c => c.OfNamedPerson)) eligible = eligible.Where(c => c.OfNamedPerson).ToList();
            if (eligible.Count > 0)
            {
                // Measured from the best sentence that could be quoted: the host's lead-in restating the question
                // ("So you supported a sales team?") is closest of all and would push the guest's figure out.
                var quotableBest = eligible.Max(c => c.Similarity);
                eligible = eligible.Where(c => c.Similarity >= quotableBest - o.FigureMargin && focus.Figured(ExcerptText(c))).ToList();
            }
        }
        if (eligible.Count == 0) return ([], RefusalReason.FigureNotStated);

        // A named person's words lead when they are there at all; others follow only if close to the best.
        var named = eligible.Where(c => c.ByNamedPerson).ToList();
        var lead = named.Count > 0 ? named : eligible;
        var leadBest = lead.Max(c => c.Similarity);
        var ordered = lead.OrderByDescending(c => Rank(c, eligible))
            .Concat(eligible.Except(lead).Where(c => c.Similarity >= best - o.QuoteMargin).OrderByDescending(c => Rank(c, eligible)));

        var chosen = new List<Candidate>();
        foreach (var c in ordered)
        {
            if (chosen.Count >= o.ExtractiveQuotes) break;
            var floor = (lead.Contains(c) ? leadBest : best) - o.QuoteMargin;
            if (chosen.Count > 0 && c.Similarity < floor) continue;
            var sameMoment = chosen.Any(x => x.EpisodeId == c.EpisodeId && Math.Abs(x.Sentence.Line.StartSec - c.Sentence.Line.StartSec) < 90);
            if (!sameMoment) chosen.Add(c);
        }
        // A sentence's similarity alone is a noisy judge of a moment: retrieval ranked whole passages, by
        // the lexical ranking and by name too, and its first passage is the right moment far more often than
        // a stray sentence elsewhere that sounds closer. Its best sentence gets a place — second, after the
        // most similar one — unless it is far below (TopSourceMargin).
        if (chosen.Count > 0 && !chosen.Any(c => c.SourceRank == 0))
        {
            var top = lead.Where(c => c.SourceRank == 0 && c.Similarity >= leadBest - o.TopSourceMargin).OrderByDescending(c => c.Similarity).FirstOrDefault();
            if (top is not null)
            {
                if (chosen.Count >= o.ExtractiveQuotes) chosen.RemoveAt(chosen.Count - 1);
                chosen.Insert(Math.Min(1, chosen.Count), top);
            }
        }
        AddHostStory(chosen, candidates, focus, o);
        return (chosen, RefusalReason.None);
    }

    /// <summary>
    /// The host sometimes answers a question himself, telling his own story in a turn that asks nothing
    /// ("I put this into Whisper and …"). Such a sentence, clearly closer to the question than anything a
    /// guest said, is quoted after the guests' excerpts — never first, never an introduction of the guest,
    /// never for a question about someone's own words or a figure (the guests' words decide those).
    /// </summary>
    private static void AddHostStory(List<Candidate> chosen, List<Candidate> candidates, QuestionFocus focus, AnswerOptions o)
    {
        if (chosen.Count == 0 || focus.AboutHostOrEpisode || focus.SpeakerNames.Count > 0 || focus.Figure != FigureKind.None) return;
        var guestBest = chosen.Max(c => c.Similarity);
        var story = candidates.Where(c => c.ByHost && c.Sentence.Quotable && !c.InQuestionTurn && !Introduces(c)
                                          && c.Similarity >= guestBest + o.HostStoryMargin
                                          && !chosen.Any(x => x.EpisodeId == c.EpisodeId && Math.Abs(x.Sentence.Line.StartSec - c.Sentence.Line.StartSec) < 90))
            .MaxBy(c => c.Similarity);
        if (story is null) return;
        if (chosen.Count >= o.ExtractiveQuotes) chosen.RemoveAt(chosen.Count - 1);
        chosen.Add(story);
    }

    // The host's introduction comes in the first minutes and speaks of the guest by name; it sounds like
    // every question about the guest and answers none.
    private const double IntroductionSec = 180;

    private static bool Introduces(Candidate c) =>
        c.Sentence.Line.StartSec < IntroductionSec
        || c.Turn.Any(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(w => w.Length >= 3 && char.IsUpper(w[0]) && c.Source.Passage.Guests.Any(g => EpisodePeople.NameOfGuest(w, g))));

    // An episode with several close sentences is one moment's worth; prefer spreading over episodes.
    private static double Rank(Candidate c, List<Candidate> all) =>
        c.Similarity - 0.05 * all.Count(x => x != c && x.EpisodeId == c.EpisodeId && x.Similarity > c.Similarity);

    private static bool SpeakersLabelled(IReadOnlyList<AnswerSource> sources) =>
        sources.Any(s => s.Passage.Lines.Any(l => l.Speaker is not null));

    /// <summary>The excerpt a candidate would be quoted as: its sentence and its neighbours in the turn.</summary>
    private static (string Text, PassageLine Line) Excerpt(Candidate c)
    {
        var (first, last) = TurnSentences.Excerpt(c.Turn, c.Sentence.Index, ExcerptSentences, ExcerptWords);
        return (c.Source.Passage.Text[c.Turn[first].Start..c.Turn[last].End], c.Turn[first].Line);
    }

    // The figure a question asks for may sit in the sentence after the one that matches its topic ("When I
    // started out, I had about eight months"): what the answer would quote is what must state it.
    private static string ExcerptText(Candidate c) => Excerpt(c).Text;

    private static Answer Compose(List<Candidate> chosen, IReadOnlyList<AnswerSource> sources)
    {
        var excerpts = chosen.Select(c =>
        {
            var (text, line) = Excerpt(c);
            return (Candidate: c, Quote: text, Line: line);
        }).ToList();
        var plain = string.Join("\n", excerpts.Select((e, i) => $"“{e.Quote}” [{i + 1}]"));
        var draft = new DraftAnswer(DraftStatus.Answered, plain,
            excerpts.Select((e, i) => new DraftCitation(i + 1, e.Candidate.Source.Number, e.Quote, Timestamp.Format(e.Line.StartSec))).ToArray());
        var validation = CitationValidator.Validate(draft, sources, AnswerMode.Extractive);
        // Quotes are copied from the sources, so validation cannot fail unless this class has a bug; it
        // still runs, so that no answer leaves unchecked.
        if (validation.Answer is not { } answer)
            throw new InvalidOperationException("Extractive answer failed validation: " + string.Join("; ", validation.Errors));
        // Who said it and where, from the validated citations: "Nemanja, Lean MLOps for Startups, 18:29–19:05: “…” [1]".
        var text = string.Join("\n", answer.Citations.Select(c => $"{Attribution(c)}: “{excerpts[c.Marker - 1].Quote.Replace('\n', ' ')}” [{c.Marker}]"));
        return answer with { Text = text };
    }

    private static string Attribution(Citation c)
    {
        var where = $"{ShortTitle(c.EpisodeTitle)}, {c.Start}–{c.End}";
        return c.Speaker is { Length: > 0 } speaker ? $"{speaker}, {where}" : where;
    }

    /// <summary>The title before its subtitle: "Lean MLOps for Startups" of "Lean MLOps for Startups: SaaS-First MVP Stack, …".</summary>
    public static string ShortTitle(string title)
    {
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 12 ? title[..colon] : title;
    }

    private static List<Candidate> Candidates(string question, QuestionFocus focus, List<AnswerSource> sources)
    {
        var terms = Terms(LexicalQuery.From(question));
        var candidates = new List<Candidate>();
        var hosts = Hosts(sources);
        for (var rank = 0; rank < sources.Count; rank++)
        {
            var source = sources[rank];
            var passage = source.Passage;
            var namedSpeakers = focus.Names.Select(n => EpisodePeople.SpeakerNamed(n, passage)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var askedAbout = focus.SpeakerNames.Select(n => EpisodePeople.SpeakerNamed(n, passage)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var rolesKnown = EpisodePeople.RolesKnown(passage);
            var labelled = passage.Lines.Any(l => l.Speaker is not null);
            // The episode of a person the question names: one of its guests, or a speaker of this passage.
            var ofNamed = namedSpeakers.Count > 0 || passage.Guests.Any(g => focus.Names.Any(n => EpisodePeople.NameOfGuest(n, g)));
            foreach (var turn in TurnSentences.Of(passage))
            {
                var speaker = turn[0].Line.Speaker;
                // In a transcript with speakers, a row without one is a stray copy of its neighbour (the archive
                // repeats some lines without time or speaker): whose words they are is unknown, so the speaker
                // rules cannot hold for it, and the same words are there again under their speaker.
                if (speaker is null && labelled) continue;
                var asks = turn.Any(s => s.IsQuestion);
                // A passage of the host's words alone does not show who is who, but another source may: the
                // speaker who is no guest there, and no guest here either, interviews in this episode too.
                var byHost = speaker is not null && !EpisodePeople.IsGuest(speaker, passage.Guests) && (rolesKnown || hosts.Contains(speaker));
                var byNamed = speaker is not null && (namedSpeakers.Contains(speaker) || askedAbout.Contains(speaker));
                var byAskedAbout = speaker is not null && askedAbout.Contains(speaker);
                foreach (var sentence in turn.Where(s => s.Quotable))
                {
                    var overlap = Terms(sentence.Text).Count(terms.Contains);
                    candidates.Add(new Candidate(source, rank, sentence, turn, overlap / Math.Sqrt(1 + terms.Count), asks, byHost, byNamed, byAskedAbout, ofNamed));
                }
            }
        }
        return candidates;
    }

    /// <summary>Speakers who are the host of a source whose roles are known (<see cref="EpisodePeople.RolesKnown"/>).</summary>
    private static HashSet<string> Hosts(List<AnswerSource> sources) =>
        sources.Select(s => s.Passage).Where(EpisodePeople.RolesKnown)
            .SelectMany(p => p.Speakers.Where(speaker => !EpisodePeople.IsGuest(speaker, p.Guests)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower-cased word stems (first five letters): enough to match "deploying" with "deployment".</summary>
    private static HashSet<string> Terms(string text) =>
        QuoteLocator.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2)
            .Select(w => w.Length > 5 ? w[..5] : w)
            .ToHashSet(StringComparer.Ordinal);

    private static ExtractiveResult Refuse(IReadOnlyList<AnswerSource> sources, RefusalReason reason, double best) =>
        new(new Answer(AnswerStatus.NotInArchive, CitationValidator.NotInArchiveText, [], AnswerMode.Extractive) { SourcesUsed = sources.Count, Reason = reason }, best);
}

/// <param name="BestSimilarity">How close the best sentence came to the question; what the not-in-archive threshold is compared with.</param>
public sealed record ExtractiveResult(Answer Answer, double BestSimilarity);
