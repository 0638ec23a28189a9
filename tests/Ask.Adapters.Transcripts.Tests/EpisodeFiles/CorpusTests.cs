using System.Diagnostics;
using Ask.Adapters.Transcripts.Tests.Support;
using Ask.Core.Ingestion;
using Xunit.Abstractions;

namespace Ask.Adapters.Transcripts.Tests.EpisodeFiles;

/// <summary>
/// Reads the real archive and the seed files when they sit beside the repository (../shared); the
/// project never copies them in. Without them these tests pass without checking anything.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusTests(ITestOutputHelper output)
{
    private static readonly string Shared = Path.GetFullPath(Path.Combine(Reading.RepoRoot(), "..", "shared"));
    private static readonly string Corpus = Path.Combine(Shared, "corpus", "datatalksclub-podcast");
    private static readonly string Seeds = Path.Combine(Shared, "seeds");

    [Fact]
    public async Task Reader_RealCorpus_ReadsEveryFileWithoutException()
    {
        if (!Available(Corpus)) return;
        var sut = Reading.Reader();

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var results = await sut.ReadAllAsync(Corpus);
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var withTranscript = results.Where(r => r.Episode is { HasTranscript: true }).ToList();
        var lines = withTranscript.Sum(r => r.Episode!.Lines.Count);
        output.WriteLine($"{results.Count} results, {withTranscript.Count} with transcripts, {lines} lines, " +
                         $"{results.Sum(r => r.Problems.Count(p => p.IsWarning))} warnings; read in {clock.Elapsed.TotalMilliseconds:F0} ms " +
                         $"(process CPU {cpuUsed.TotalMilliseconds:F0} ms, {Environment.ProcessorCount} cores; other tests may share it)");
        foreach (var problem in results.SelectMany(r => r.Problems).Where(p => !p.Message.Contains("have no sec"))) output.WriteLine(problem.ToString());

        Assert.Equal(203, results.Count);
        Assert.Equal(200, withTranscript.Count);
        Assert.Equal(27_963, lines);
        var skipped = Assert.Single(results, r => r.Episode is null);
        Assert.Equal(SkipReason.Template, skipped.SkipReason);
        Assert.EndsWith("_template.md", skipped.Source);
        Assert.Equal(2, results.Count(r => r.Episode is { HasTranscript: false }));
        Assert.Equal(1_360, withTranscript.Sum(r => r.Episode!.Lines.Count(l => l.StartIsEstimated)));
        Assert.Equal(34, withTranscript.Count(r => r.Episode!.Lines.Any(l => l.StartIsEstimated)));
        Assert.Contains(results, r => r.Episode?.Id == "mentoring-in-tech-how-to-find-and-become-a-mentor");
        Assert.Contains(results, r => r.Episode?.Id == "_theme-park-crowd-modeling-to-tesla-full-stack-data-engineering" && r.Episode.HasTranscript);
        Assert.All(withTranscript, r => Assert.All(r.Episode!.Lines, l => Assert.True(l.SourceLine > 0)));
        var bioinformatics = Assert.Single(results, r => r.Episode?.Id == "learning-machine-learning-self-taught-bioinformatics");
        Assert.Contains(bioinformatics.Problems, p => p.IsWarning && p.Message.Contains("37:567") && p.Line == 919);
        // The README's "91 episodes run past one hour" counts durations; 152 transcripts have lines past 1:00:00.
        Assert.Equal(91, results.Count(r => r.Episode?.Duration >= TimeSpan.FromHours(1)));
        Assert.Equal(152, withTranscript.Count(r => r.Episode!.Lines.Any(l => l.StartSec >= 3600)));
    }

    [Fact]
    public async Task Reader_Seeds_ReadsEveryFile()
    {
        if (!Available(Seeds)) return;

        var results = await Reading.Reader().ReadAllAsync(Seeds);
        foreach (var problem in results.SelectMany(r => r.Problems)) output.WriteLine(problem.ToString());

        Assert.Equal(3, results.Count);
        var chapters = Assert.Single(results, r => r.Source.EndsWith("chapters-building-production-ml-platform.txt"));
        Assert.Equal(SkipReason.Unattached, chapters.SkipReason);

        var lean = Assert.Single(results, r => r.Episode?.Id == "episode-lean-mlops-for-startups").Episode!;
        Assert.Equal("DX9c__a4jzg", lean.YouTubeId);
        Assert.Equal(3701, lean.Clips[^1].EndSec);
        Assert.Contains(results.SelectMany(r => r.Problems), p => p.Message.Contains("ends (3666) before it starts (3701)"));

        var raw = Assert.Single(results, r => r.Episode?.Id == "raw-transcript-theme-parks-to-tesla");
        Assert.Contains(raw.Episode!.Lines, l => l.Text.Contains("€200 per month"));
        Assert.DoesNotContain(raw.Episode.Lines, l => l.Text.Contains("â‚¬"));
        Assert.Contains(raw.Problems, p => p.Message.Contains("no episode file or metadata"));
        Assert.True(raw.Episode.Lines[^1].StartSec >= 3600);
    }

    [Fact]
    public async Task Reader_SeedSidecarsNamedEpisode_AttachToCorpusEpisodes()
    {
        if (!Available(Seeds) || !Available(Corpus)) return;

        var platform = Assert.Single(await Reading.Reader(new EpisodeReaderOptions { EpisodeId = "building-production-ml-platform-and-mlops-team" })
            .ReadAllAsync(Path.Combine(Corpus, "building-production-ml-platform-and-mlops-team.md"), Path.Combine(Seeds, "chapters-building-production-ml-platform.txt")));
        var themePark = Assert.Single(await Reading.Reader(new EpisodeReaderOptions { EpisodeId = "_theme-park-crowd-modeling-to-tesla-full-stack-data-engineering" })
            .ReadAllAsync(Path.Combine(Corpus, "_theme-park-crowd-modeling-to-tesla-full-stack-data-engineering.md"), Path.Combine(Seeds, "raw-transcript-theme-parks-to-tesla.txt")));

        Assert.Equal(30, platform.Episode!.Chapters.Count);
        Assert.Equal("People, processes, and technology", platform.Episode.Chapters[2].Summary);
        Assert.Contains(platform.Episode.Lines, l => l.Chapter == "Experiment Tracking");
        Assert.Equal("From Theme Parks to Tesla: Building Data Products Through Applied ML and Full-Stack Engineering", themePark.Episode!.Title);
        Assert.Contains(themePark.Episode.Lines, l => l.Text.Contains("€200"));
        Assert.All(themePark.Episode.Lines, l => Assert.Null(l.Speaker));
        Assert.NotNull(themePark.Episode.Lines[^1].Chapter);
    }

    private bool Available(string folder)
    {
        if (Directory.Exists(folder)) return true;
        output.WriteLine($"{folder} not found; nothing to check");
        return false;
    }
}
