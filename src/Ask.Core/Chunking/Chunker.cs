using System.Text;
using Ask.Core.Episodes;
using Microsoft.Extensions.Options;

namespace Ask.Core.Chunking;

/// <summary>
/// Groups an episode's transcript lines into chunks that end at sentence ends, stay inside one chapter
/// and fit the embedding model's token window (with the context that is embedded with them).
/// </summary>
public sealed class Chunker
{
    private const double WordsPerSecond = 2.5;
    private const double MaxGapSec = 30;
    private readonly ChunkingOptions _options;
    private readonly ITokenCounter _tokens;

    public Chunker(IOptions<ChunkingOptions> options, ITokenCounter tokens)
    {
        _options = options.Value;
        if (_options.TargetWords < 10) throw new ArgumentOutOfRangeException(nameof(options), "Chunking:TargetWords must be at least 10.");
        _tokens = tokens;
    }

    public IReadOnlyList<Chunk> Chunk(Episode episode)
    {
        if (!episode.HasTranscript) return [];
        var units = SplitIntoUnits(episode);
        var groups = Pack(episode, units);
        var chunks = new List<Chunk>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var chunk = Build(episode, chunks.Count, group, g + 1 < groups.Count ? groups[g + 1][0] : null);
            // Packing adds up per-line counts; word pieces at the joins can differ a little, so the
            // exact count of what will be embedded decides. An overfull chunk hands its last line on.
            if (group.Count > 1 && _tokens.CountTokens(chunk.ContextualText) + 2 > _tokens.MaxTokens)
            {
                groups.Insert(g + 1, [group[^1]]);
                group.RemoveAt(group.Count - 1);
                g--;
                continue;
            }
            chunks.Add(chunk);
        }
        return chunks;
    }

    /// <summary>A piece of text that is never split further: a whole line, or sentences of an overlong one.</summary>
    private sealed record Unit(int LineIndex, double StartSec, bool Estimated, string? Speaker, string? Chapter, string Text, int Words, int Tokens);

    private List<Unit> SplitIntoUnits(Episode episode)
    {
        var units = new List<Unit>(episode.Lines.Count);
        var lines = episode.Lines;
        // Words that fit one chunk beside the header; a line above this is split at sentence ends.
        var maxWords = _options.TargetWords;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var text = Normalize(line.Text);
            if (text.Length == 0) continue;
            var words = TextStatistics.CountWords(text);
            var unitTokens = _tokens.CountTokens(text);
            var budget = TokenBudget(episode, line.Chapter) - SpeakerTokens;
            if (words <= maxWords && unitTokens <= budget)
            {
                units.Add(new Unit(i, line.StartSec, line.StartIsEstimated, line.Speaker, line.Chapter, text, words, unitTokens));
                continue;
            }

            var lineEnd = LineEnd(episode, i, words);
            var pieces = PackSentences(text, maxWords, budget);
            var wordsBefore = 0;
            foreach (var piece in pieces)
            {
                // Inside one line only the line's start is known; later parts are placed in proportion to
                // the words spoken before them.
                var start = line.StartSec + (lineEnd - line.StartSec) * wordsBefore / Math.Max(1, words);
                var pieceWords = TextStatistics.CountWords(piece);
                units.Add(new Unit(i, Math.Floor(start), wordsBefore > 0 || line.StartIsEstimated, line.Speaker, line.Chapter, piece, pieceWords, _tokens.CountTokens(piece)));
                wordsBefore += pieceWords;
            }
        }
        return units;
    }

    /// <summary>
    /// Where line <paramref name="i"/> ends: where the next line starts, when that is later. Otherwise (the
    /// last line, or a next line that goes back in time) the line lasts as long as its words take to say,
    /// but never past the episode's end when that is known: one 100,000-character last line once spread
    /// its parts two hours past the end of a 58-minute episode.
    /// </summary>
    private static double LineEnd(Episode episode, int i, int words)
    {
        var line = episode.Lines[i];
        if (i + 1 < episode.Lines.Count && episode.Lines[i + 1].StartSec >= line.StartSec) return episode.Lines[i + 1].StartSec;
        var spoken = line.StartSec + words / WordsPerSecond;
        return episode.Duration is { } d && d.TotalSeconds > line.StartSec ? Math.Min(spoken, d.TotalSeconds) : spoken;
    }

    private List<string> PackSentences(string text, int maxWords, int maxTokens)
    {
        var sentences = new List<string>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            if (TextStatistics.CountWords(sentence) <= maxWords && _tokens.CountTokens(sentence) <= maxTokens)
                sentences.Add(sentence);
            else
                sentences.AddRange(SplitByTokens(sentence, Math.Min(maxWords, maxTokens / 2), maxTokens));
        }

        var pieces = new List<string>();
        var current = new StringBuilder();
        var currentWords = 0;
        foreach (var sentence in sentences)
        {
            var w = TextStatistics.CountWords(sentence);
            if (current.Length > 0 && (currentWords + w > maxWords || _tokens.CountTokens(current + " " + sentence) > maxTokens))
            {
                pieces.Add(current.ToString());
                current.Clear();
                currentWords = 0;
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(sentence);
            currentWords += w;
        }
        if (current.Length > 0) pieces.Add(current.ToString());
        return pieces;
    }

    private IEnumerable<string> SplitByTokens(string sentence, int maxWords, int maxTokens)
    {
        foreach (var piece in SentenceSplitter.SplitLongSentence(sentence, Math.Max(5, maxWords)))
        {
            if (_tokens.CountTokens(piece) <= maxTokens || maxWords <= 5) yield return piece;
            else foreach (var smaller in SplitByTokens(piece, maxWords / 2, maxTokens)) yield return smaller;
        }
    }

    private List<List<Unit>> Pack(Episode episode, List<Unit> units)
    {
        var groups = new List<List<Unit>>();
        var current = new List<Unit>();
        var words = 0;
        var tokens = 0;
        foreach (var unit in units)
        {
            var chapterChanges = _options.BreakAtChapters && current.Count > 0 && unit.Chapter != current[0].Chapter;
            var budget = TokenBudget(episode, unit.Chapter);
            var tooBig = current.Count > 0 && (words + unit.Words > _options.TargetWords || tokens + unit.Tokens + SpeakerTokens > budget);
            if (chapterChanges || tooBig)
            {
                groups.Add(current);
                current = [];
                words = 0;
                tokens = 0;
            }
            current.Add(unit);
            words += unit.Words;
            tokens += unit.Tokens + SpeakerTokens;
        }
        if (current.Count > 0) groups.Add(current);
        MergeShortTails(episode, groups);
        return groups;
    }

    // A speaker label ("Alexey: ") costs a few tokens per turn in the contextual text.
    private const int SpeakerTokens = 4;

    private void MergeShortTails(Episode episode, List<List<Unit>> groups)
    {
        for (var g = groups.Count - 1; g > 0; g--)
        {
            var group = groups[g];
            var previous = groups[g - 1];
            if (group.Sum(u => u.Words) >= _options.MinWords) continue;
            if (_options.BreakAtChapters && group[0].Chapter != previous[0].Chapter) continue;
            var merged = previous.Concat(group).ToList();
            var tokens = merged.Sum(u => u.Tokens + SpeakerTokens);
            if (tokens > TokenBudget(episode, previous[0].Chapter)) continue;
            groups[g - 1] = merged;
            groups.RemoveAt(g);
        }
    }

    private int TokenBudget(Episode episode, string? chapter)
    {
        // [CLS]/[SEP] plus the title-and-chapter header that is embedded with every chunk.
        var header = episode.Title + (chapter is null ? "" : " — " + chapter);
        return Math.Max(16, _tokens.MaxTokens - 2 - _tokens.CountTokens(header));
    }

    private Chunk Build(Episode episode, int ordinal, List<Unit> group, Unit? next)
    {
        var text = new StringBuilder();
        var lines = new List<ChunkLine>(group.Count);
        foreach (var unit in group)
        {
            if (text.Length > 0) text.Append('\n');
            lines.Add(new ChunkLine(unit.StartSec, unit.Speaker, text.Length, unit.Text.Length, unit.LineIndex, unit.Estimated));
            text.Append(unit.Text);
        }
        // The earliest line, not the first: a transcript whose timestamps jump back must not give a chunk
        // a start after some of its own lines.
        var start = group.Min(u => u.StartSec);
        var last = group[^1];
        // The chunk ends where the next line starts, unless the transcript has a gap there (a missing
        // part, a pause in the recording): then it ends when its last line was probably over.
        var spokenEnd = last.StartSec + Math.Max(2, last.Words / WordsPerSecond);
        var end = next is not null && next.StartSec >= last.StartSec && next.StartSec - spokenEnd <= MaxGapSec
            ? next.StartSec
            : next is null ? Math.Max(spokenEnd, EpisodeEnd(episode, last.StartSec)) : spokenEnd;
        return new Chunk(episode.Id, ordinal, episode.Title, group[0].Chapter, start, Math.Max(group.Max(u => u.StartSec), Math.Ceiling(end)), text.ToString(), lines)
        {
            Guests = episode.Guests,
            Season = episode.Season,
            EpisodeNumber = episode.Number,
            YouTubeId = episode.YouTubeId,
            Podcast = episode.Podcast,
            AudioUrl = episode.AudioUrl,
            PageUrl = episode.PageUrl,
            ContextHeader = _options.ContextHeader,
        };
    }

    private static double EpisodeEnd(Episode episode, double lastStart) =>
        episode.Duration is { } d && d.TotalSeconds > lastStart ? Math.Min(d.TotalSeconds, lastStart + 120) : 0;

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
