using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>BM25 over the chunks' contextual text (title, chapter, speakers, spoken lines), with Lucene.</summary>
internal sealed class LexicalIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string RowField = "row";
    private const string TextField = "text";
    private const string EpisodeField = "episode";
    private const string GuestField = "guest";
    private const string SeasonField = "season";
    private const string PodcastField = "podcast";

    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer = CreateAnalyzer();

    private LexicalIndex(string path)
    {
        _directory = FSDirectory.Open(path);
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _podcastTerms = MultiFields.GetTerms(_reader, PodcastField) is not null;
    }

    /// <summary>False for a generation written before there were several podcasts: every chunk in it is the first archive's.</summary>
    private readonly bool _podcastTerms;

    public static LexicalIndex Open(string path) => new(path);

    public static void Build(string path, IReadOnlyList<Chunk> chunks)
    {
        using var directory = FSDirectory.Open(path);
        using var analyzer = CreateAnalyzer();
        var config = new IndexWriterConfig(Version, analyzer) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity() };
        using var writer = new IndexWriter(directory, config);
        for (var row = 0; row < chunks.Count; row++)
        {
            var chunk = chunks[row];
            var doc = new Document
            {
                new StoredField(RowField, row),
                new StringField(EpisodeField, chunk.EpisodeId, Field.Store.NO),
                new TextField(TextField, chunk.ContextualText, Field.Store.NO),
            };
            foreach (var guest in chunk.Guests) doc.Add(new StringField(GuestField, guest.ToLowerInvariant(), Field.Store.NO));
            // A keyword field: it takes no part in the BM25 scores of the text.
            doc.Add(new StringField(PodcastField, chunk.Podcast.Id, Field.Store.NO));
            if (chunk.Season is { } season) doc.Add(new StringField(SeasonField, season.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO));
            writer.AddDocument(doc);
        }
        writer.Commit();
    }

    /// <summary>Distinct terms of a query that reach Lucene; the rest are left out.</summary>
    public const int MaxQueryTerms = 256;

    public List<(int Row, float Score)> Search(string query, int limit, SearchFilter filter)
    {
        var terms = Analyze(query);
        if (terms.Count == 0) return [];
        var textQuery = new BooleanQuery();
        // Repeated words in a question count once: a question is short, and BM25's query-side tf would
        // let "data data data" outweigh the rarer words that carry the meaning.
        // Bounded: Lucene throws past BooleanQuery.MaxClauseCount (1,024), and no question needs more.
        foreach (var term in terms.Distinct(StringComparer.Ordinal).Take(MaxQueryTerms))
            textQuery.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        Query q = textQuery;
        if (!filter.IsEmpty && FilterQuery(filter) is { Clauses.Count: > 0 } restriction) q = new FilteredQuery(textQuery, new QueryWrapperFilter(restriction));
        var hits = _searcher.Search(q, limit).ScoreDocs;
        var result = new List<(int, float)>(hits.Length);
        foreach (var hit in hits)
            result.Add((_searcher.Doc(hit.Doc).GetField(RowField).GetInt32Value()!.Value, hit.Score));
        return result;
    }

    /// <summary>The words of <paramref name="text"/> with an analysed term that no chunk contains.</summary>
    public List<string> UnknownWords(string text)
    {
        var unknown = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var terms = Analyze(word);
            if (terms.Any(t => _reader.DocFreq(new Term(TextField, t)) == 0)) unknown.Add(word.Trim('.', ',', '?', '!', ';', ':', '"', '\'', '(', ')'));
        }
        return unknown;
    }

    private BooleanQuery FilterQuery(SearchFilter filter)
    {
        var all = new BooleanQuery();
        if (filter.Podcasts.Count > 0)
        {
            if (_podcastTerms) all.Add(AnyOf(PodcastField, filter.Podcasts), Occur.MUST);
            // An empty query as a MUST clause matches nothing: no chunk of an old generation is another podcast's.
            else if (!filter.Podcasts.Contains(Podcast.DataTalksClub.Id, StringComparer.Ordinal)) all.Add(new BooleanQuery(), Occur.MUST);
        }
        if (filter.Episodes.Count > 0) all.Add(AnyOf(EpisodeField, filter.Episodes), Occur.MUST);
        if (filter.Guests.Count > 0) all.Add(AnyOf(GuestField, filter.Guests.Select(g => g.ToLowerInvariant())), Occur.MUST);
        if (filter.Season is { } season) all.Add(new TermQuery(new Term(SeasonField, season.ToString(System.Globalization.CultureInfo.InvariantCulture))), Occur.MUST);
        return all;
    }

    private static BooleanQuery AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values) any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        return any;
    }

    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(TextField, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    private static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    public void Dispose()
    {
        _analyzer.Dispose();
        _reader.Dispose();
        _directory.Dispose();
    }
}
