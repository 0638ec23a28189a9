namespace Ask.Core.Ingestion;

/// <summary>
/// Splits the texts of one ingest into embedder calls: shortest first, each call at most
/// <c>maxCount</c> texts and at most <c>maxPaddedCharacters</c> once every text in it is padded to the
/// longest one.
/// </summary>
/// <remarks>
/// A sentence encoder pads a call to its longest text, and its attention needs memory in proportion to
/// texts × length² — a call of 32 chunks of about 256 word pieces took over a gigabyte of activations,
/// which ONNX Runtime's arena then kept for the life of the process. Calls of similar lengths pad little
/// (faster), and a cap on the padded size bounds the largest call (smaller). Characters stand in for word
/// pieces so that planning costs no tokenizing. An encoder's vector for a text does not depend on the
/// other texts of its call (tested), so the vectors are the same as with any other split.
/// </remarks>
public static class EmbeddingBatches
{
    /// <summary>
    /// The calls, each the indexes of its texts into <paramref name="texts"/>. With <paramref name="maxPaddedCharacters"/>
    /// 0 or less: runs of <paramref name="maxCount"/> texts in their own order, as before the cap existed.
    /// A text longer than the cap on its own is a call of its own.
    /// </summary>
    public static IReadOnlyList<int[]> Plan(IReadOnlyList<string> texts, int maxCount, int maxPaddedCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        if (maxPaddedCharacters <= 0) return InOrder(texts.Count, maxCount);

        // OrderBy is stable: texts of one length stay in their own order, so a plan is the same on every run.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length);
        var batches = new List<int[]>();
        var current = new List<int>(maxCount);
        foreach (var i in order)
        {
            // Sorted shortest first, so the text being added is the longest of the call: it sets the padding.
            var padded = (long)(current.Count + 1) * Math.Max(1, texts[i].Length);
            if (current.Count > 0 && (current.Count == maxCount || padded > maxPaddedCharacters))
            {
                batches.Add([.. current]);
                current.Clear();
            }
            current.Add(i);
        }
        if (current.Count > 0) batches.Add([.. current]);
        return batches;
    }

    private static List<int[]> InOrder(int count, int maxCount)
    {
        var batches = new List<int[]>((count + maxCount - 1) / maxCount);
        for (var start = 0; start < count; start += maxCount)
            batches.Add(Enumerable.Range(start, Math.Min(maxCount, count - start)).ToArray());
        return batches;
    }
}
