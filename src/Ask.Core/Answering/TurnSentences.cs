using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Answering;

/// <summary>A sentence of a passage with where it sits: its speaker's turn and its offsets in <see cref="Passage.Text"/>.</summary>
/// <param name="Turn">Index of the speaker's turn in the passage (consecutive lines of one speaker).</param>
/// <param name="Index">Position of the sentence within its turn.</param>
/// <param name="Line">The transcript line the sentence starts on.</param>
/// <param name="Quotable">Whether the sentence may be quoted on its own (<see cref="QuotableSentences"/>): not a question, not filler, not instructions.</param>
public sealed record TurnSentence(int Turn, int Index, PassageLine Line, int Start, int End, string Text, bool Quotable)
{
    public bool IsQuestion => Text.TrimEnd().EndsWith('?');
    public int Words => TextStatistics.CountWords(Text);
}

/// <summary>
/// Splits a passage into its speakers' turns and their sentences, keeping offsets, so that an answer can
/// quote a contiguous stretch of one person's reply rather than a sentence torn out of it.
/// </summary>
public static class TurnSentences
{
    public static IReadOnlyList<IReadOnlyList<TurnSentence>> Of(Passage passage)
    {
        var text = passage.Text;
        var turns = new List<IReadOnlyList<TurnSentence>>();
        List<TurnSentence>? current = null;
        string? speaker = null;
        foreach (var line in passage.Lines)
        {
            // Rows without a speaker (raw captions) are one turn each: nothing says who carries on.
            if (current is null || line.Speaker is null || !string.Equals(line.Speaker, speaker, StringComparison.Ordinal))
            {
                current = [];
                turns.Add(current);
                speaker = line.Speaker;
            }
            var row = text.Substring(line.Offset, line.Length);
            var quotable = QuotableSentences.Of(row).ToHashSet(StringComparer.Ordinal);
            var from = 0;
            foreach (var sentence in SentenceSplitter.Split(row))
            {
                var at = row.IndexOf(sentence, from, StringComparison.Ordinal);
                if (at < 0) continue;
                from = at + sentence.Length;
                current.Add(new TurnSentence(turns.Count - 1, current.Count, line, line.Offset + at, line.Offset + at + sentence.Length, sentence, quotable.Contains(sentence)));
            }
        }
        return turns;
    }

    /// <summary>
    /// The excerpt around <paramref name="anchor"/>: the anchor and the sentences next to it in the same
    /// turn, read on first (a reply's point is usually followed by its reasons), up to
    /// <paramref name="maxSentences"/> and <paramref name="maxWords"/>. It never takes in a question and
    /// never starts or ends on a sentence that could not be quoted alone.
    /// </summary>
    public static (int First, int Last) Excerpt(IReadOnlyList<TurnSentence> turn, int anchor, int maxSentences, int maxWords)
    {
        var first = anchor;
        var last = anchor;
        var words = turn[anchor].Words;
        bool Fits(int i) => !turn[i].IsQuestion && words + turn[i].Words <= maxWords && last - first + 1 < maxSentences
                            && !InstructionFilter.LooksLikeInstructions(turn[i].Text);
        while (true)
        {
            if (last + 1 < turn.Count && Fits(last + 1)) { last++; words += turn[last].Words; continue; }
            if (first > 0 && Fits(first - 1)) { first--; words += turn[first].Words; continue; }
            break;
        }
        while (first < anchor && !turn[first].Quotable) first++;
        while (last > anchor && !turn[last].Quotable) last--;
        return (first, last);
    }
}
