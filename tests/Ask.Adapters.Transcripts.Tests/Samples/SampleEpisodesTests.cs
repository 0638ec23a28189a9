using Ask.Adapters.Transcripts.Samples;
using Ask.Adapters.Transcripts.Tests.Support;

namespace Ask.Adapters.Transcripts.Tests.Samples;

public sealed class SampleEpisodesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteTo_EmptyFolder_WritesThreeReadableSampleEpisodes()
    {
        var paths = SampleEpisodes.WriteTo(Path.Combine(_folder.Path, "samples"));

        var results = await Reading.Reader().ReadAllAsync(Path.Combine(_folder.Path, "samples"));

        Assert.Equal(3, paths.Count);
        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            var episode = r.Episode!;
            Assert.Empty(r.Problems);
            Assert.True(episode.IsSample);
            Assert.StartsWith("Sample:", episode.Title);
            Assert.InRange(episode.Lines.Count, 30, 60);
            Assert.Equal(3, episode.Chapters.Count);
            Assert.All(episode.Lines, l => Assert.NotNull(l.Speaker));
        });
        Assert.Contains(results, r => r.Episode!.Lines[^1].StartSec >= 3600);
    }

    [Theory]
    [InlineData("vendor lock-in", "sample-escaping-vendor-lock-in", "What vendor lock-in really cost them")]
    [InlineData("feature store", "sample-feature-store-delivery-times", "Training-serving skew and the feature store")]
    [InlineData("population stability index", "sample-monitoring-fraud-model-without-labels", "Monitoring before the labels arrive")]
    public async Task WriteTo_Samples_HaveAClearMomentForTheirTopic(string phrase, string id, string chapter)
    {
        SampleEpisodes.WriteTo(_folder.Path);

        var results = await Reading.Reader().ReadAllAsync(_folder.Path);

        var matches = results.SelectMany(r => r.Episode!.Lines.Select(l => (r.Episode.Id, Line: l)))
            .Where(x => x.Line.Text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(matches);
        Assert.All(matches, m => Assert.Equal(id, m.Id));
        Assert.Contains(matches, m => m.Line.Chapter == chapter);
    }

    [Fact]
    public async Task WriteTo_LongSample_UsesHourTimes()
    {
        SampleEpisodes.WriteTo(_folder.Path);

        var text = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "sample-monitoring-fraud-model-without-labels.md"));

        Assert.Matches(@"time: '1:0\d:\d\d'", text);
        Assert.Contains("duration: PT1H08M30S", text);
    }

    [Fact]
    public void WriteTo_Twice_DoesNotRewriteIdenticalFiles()
    {
        var first = SampleEpisodes.WriteTo(_folder.Path);
        var stamp = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        foreach (var path in first) File.SetLastWriteTimeUtc(path, stamp);
        File.WriteAllText(first[0], "edited by hand");

        var second = SampleEpisodes.WriteTo(_folder.Path);

        Assert.Equal(first, second);
        Assert.NotEqual(stamp, File.GetLastWriteTimeUtc(second[0]));
        Assert.All(second.Skip(1), p => Assert.Equal(stamp, File.GetLastWriteTimeUtc(p)));
        Assert.StartsWith("---", File.ReadAllText(second[0]));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    [Fact]
    public void Samples_AreOriginal_NotFromTheCorpus()
    {
        var root = Reading.RepoRoot();
        var corpus = Path.Combine(root, "..", "shared", "corpus", "datatalksclub-podcast");
        if (!Directory.Exists(corpus)) return;
        var names = Directory.GetFiles(corpus).Select(Path.GetFileName).ToHashSet();

        Assert.All(SampleEpisodes.FileNames, name => Assert.DoesNotContain(name, names));
    }
}
