using Ask.Core.Chunking;
using Ask.Core.Retrieval;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Ask.Testing.Indexing;

/// <summary>
/// BM25 over a fixed list of chunks, scored in plain arithmetic. Words become terms through Lucene's
/// <see cref="EnglishAnalyzer"/> (stop words, possessives, Porter stemming), the analyzer both real stores
/// use, so "deploying" finds "deployed" here exactly when it does there.
/// </summary>
public sealed class InMemoryLexicalScorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Safe to share: an analyzer keeps one token stream per thread.
    private static readonly Analyzer Analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    private readonly IReadOnlyList<Chunk> _chunks;
    private readonly Dictionary<string, int>[] _frequencies;
    private readonly int[] _lengths;
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    public InMemoryLexicalScorer(IReadOnlyList<Chunk> chunks)
    {
        _chunks = chunks;
        _frequencies = new Dictionary<string, int>[chunks.Count];
        _lengths = new int[chunks.Count];
        for (var row = 0; row < chunks.Count; row++)
        {
            var terms = Terms(chunks[row].ContextualText);
            _lengths[row] = terms.Count;
            _frequencies[row] = terms.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var term in _frequencies[row].Keys) _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
        _averageLength = chunks.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    /// <summary>The best chunks for <paramref name="query"/> among those <paramref name="filter"/> admits; a repeated query word counts once.</summary>
    public IReadOnlyList<ScoredChunk> Search(string query, int limit, SearchFilter filter)
    {
        var terms = Terms(query).Distinct(StringComparer.Ordinal).Where(_documentFrequency.ContainsKey).ToList();
        if (terms.Count == 0) return [];
        var hits = new List<ScoredChunk>();
        for (var row = 0; row < _chunks.Count; row++)
        {
            if (!filter.Matches(_chunks[row])) continue;
            var score = terms.Sum(t => Score(t, row));
            if (score > 0) hits.Add(new ScoredChunk(_chunks[row], score));
        }
        return hits.OrderByDescending(h => h.Score).Take(limit).ToList();
    }

    /// <summary>The words of <paramref name="text"/> with an analysed term that no chunk contains.</summary>
    public IReadOnlyList<string> UnknownWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => Terms(word).Any(t => !_documentFrequency.ContainsKey(t)))
            .Select(word => word.Trim('.', ',', '?', '!', ';', ':', '"', '\'', '(', ')'))
            .ToList();

    private double Score(string term, int row)
    {
        if (!_frequencies[row].TryGetValue(term, out var tf)) return 0;
        var df = _documentFrequency[term];
        var idf = Math.Log(1 + (_chunks.Count - df + 0.5) / (df + 0.5));
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * _lengths[row] / _averageLength));
    }

    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = Analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }
}
