using Ask.Adapters.EmbeddedIndex;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Ask.Core.Retrieval;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Ask.Adapters.Tests.EmbeddedIndex;

/// <summary>The podcast filter of the lexical side, on a generation of today and on one written before podcasts existed.</summary>
public sealed class LexicalIndexPodcastTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ask-lexical-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void GenerationWithoutPodcastTerms_IsAllTheFirstArchive()
    {
        // What LexicalIndex.Build wrote before podcasts: row, episode, text — no podcast field.
        using (var directory = FSDirectory.Open(_folder))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new EnglishAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var row = 0; row < 3; row++)
                writer.AddDocument(new Document
                {
                    new StoredField("row", row),
                    new StringField("episode", $"e{row}", Field.Store.NO),
                    new TextField("text", $"honey bees number {row}", Field.Store.NO),
                });
            writer.Commit();
        }
        using var sut = LexicalIndex.Open(_folder);

        Assert.Equal(3, sut.Search("honey", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }).Count);
        Assert.Equal(3, sut.Search("honey", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id, "other"] }).Count);
        Assert.Single(sut.Search("honey", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id], Episodes = ["e1"] }));
        Assert.Empty(sut.Search("honey", 10, new SearchFilter { Podcasts = ["other"] }));
    }

    [Fact]
    public void GenerationOfToday_FiltersEachPodcastByItsTerm()
    {
        var other = new Podcast("other", "Other");
        LexicalIndex.Build(_folder,
        [
            Chunk("e0", Podcast.DataTalksClub),
            Chunk("other/e0", other),
            Chunk("other/e1", other),
        ]);
        using var sut = LexicalIndex.Open(_folder);

        Assert.Equal([0], sut.Search("honey", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id] }).Select(h => h.Row));
        Assert.Equal([1, 2], sut.Search("honey", 10, new SearchFilter { Podcasts = ["other"] }).Select(h => h.Row).Order());
        Assert.Equal(3, sut.Search("honey", 10, new SearchFilter { Podcasts = [Podcast.DataTalksClub.Id, "other"] }).Count);
        Assert.Empty(sut.Search("honey", 10, new SearchFilter { Podcasts = ["third"] }));
    }

    private static Chunk Chunk(string id, Podcast podcast) =>
        new(id, 0, "Bees", null, 0, 10, "honey bees in winter", [new ChunkLine(0, null, 0, 20, 0)]) { Podcast = podcast };

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_folder)) System.IO.Directory.Delete(_folder, recursive: true);
    }
}
