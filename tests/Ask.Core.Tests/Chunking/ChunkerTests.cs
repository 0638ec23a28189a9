using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Microsoft.Extensions.Options;

namespace Ask.Core.Tests.Chunking;

public class ChunkerTests
{
    private static Chunker Sut(int targetWords = 50, int maxTokens = 256) =>
        new(Options.Create(new ChunkingOptions { TargetWords = targetWords, MinWords = 10 }), new WordBasedTokenCounter(maxTokens));

    private static Episode EpisodeOf(params TranscriptLine[] lines) =>
        new("ep", "Lean MLOps", lines) { YouTubeId = "vid", Guests = ["nemanja"], Season = 3, Number = 7 };

    private static string Words(string word, int count) => string.Join(' ', Enumerable.Repeat(word, count)) + ".";

    [Fact]
    public void Chunker_LinesUnderTarget_GroupedWithTimesAndLineBoundaries()
    {
        var episode = EpisodeOf(
            new TranscriptLine(10, "Alexey", "First question about tools."),
            new TranscriptLine(15, "Nemanja", "We use Kubernetes. It works."),
            new TranscriptLine(22, "Alexey", "Great."));

        var chunks = Sut().Chunk(episode);

        var chunk = Assert.Single(chunks);
        Assert.Equal(10, chunk.StartSec);
        Assert.Equal(["Alexey", "Nemanja"], chunk.Speakers);
        Assert.Equal([10d, 15d, 22d], chunk.Lines.Select(l => l.StartSec));
        Assert.Equal("We use Kubernetes. It works.", chunk.Text.Substring(chunk.Lines[1].Offset, chunk.Lines[1].Length));
        Assert.Equal("ep#0", chunk.Id);
        Assert.Equal(["nemanja"], chunk.Guests);
        Assert.Equal(3, chunk.Season);
        Assert.Equal("https://www.youtube.com/watch?v=vid&t=15s", chunk.LinkAt(15));
    }

    [Fact]
    public void Chunker_ManyLines_ChunkEndsWhereTheNextBegins()
    {
        var lines = Enumerable.Range(0, 10).Select(i => new TranscriptLine(i * 20, "A", Words("word", 20))).ToArray();

        var chunks = Sut(targetWords: 50).Chunk(EpisodeOf(lines));

        Assert.True(chunks.Count > 1);
        for (var i = 0; i + 1 < chunks.Count; i++) Assert.Equal(chunks[i + 1].StartSec, chunks[i].EndSec);
        Assert.All(chunks, c => Assert.True(c.WordCount <= 50));
        Assert.Equal(lines.Length, chunks.Sum(c => c.Lines.Count));
    }

    [Fact]
    public void Chunker_LineCrossesChapter_StartsNewChunk()
    {
        var episode = EpisodeOf(
            new TranscriptLine(0, "A", Words("intro", 15), Chapter: "Intro"),
            new TranscriptLine(10, "A", Words("tools", 15), Chapter: "Tools"));

        var chunks = Sut().Chunk(episode);

        Assert.Equal(["Intro", "Tools"], chunks.Select(c => c.Chapter));
    }

    [Fact]
    public void Chunker_OverlongLastLine_PartsStayInsideTheEpisode()
    {
        // About 15,000 words: at speaking pace two hours, far past the end of a 58-minute episode.
        var text = string.Concat(Enumerable.Repeat("Word after word makes a long line. ", 2_100));
        var episode = EpisodeOf(new TranscriptLine(10, "Host", "Hello."), new TranscriptLine(3000, "Guest", text)) with { Duration = TimeSpan.FromMinutes(58) };

        var chunks = Sut(targetWords: 200).Chunk(episode);

        var parts = chunks.SelectMany(c => c.Lines).Where(l => l.StartSec >= 3000).ToList();
        Assert.True(parts.Count > 10);
        Assert.All(parts, p => Assert.InRange(p.StartSec, 3000, 58 * 60));
        Assert.All(chunks, c => Assert.True(c.StartSec <= 58 * 60));
    }

    [Fact]
    public void Chunker_OverlongLineBeforeATimeJumpBack_PartsNeverGoBeforeTheLine()
    {
        var text = string.Concat(Enumerable.Repeat("Word after word makes a long line. ", 300));
        var episode = EpisodeOf(new TranscriptLine(500, "Guest", text), new TranscriptLine(100, "Host", "Back in time."));

        var chunks = Sut(targetWords: 200).Chunk(episode);

        var parts = chunks.SelectMany(c => c.Lines).Where(l => l.LineIndex == 0).ToList();
        Assert.True(parts.Count > 3);
        Assert.All(parts, p => Assert.True(p.StartSec >= 500, $"part at {p.StartSec}"));
        Assert.True(parts.Select(p => p.StartSec).SequenceEqual(parts.Select(p => p.StartSec).Order()));
    }

    [Fact]
    public void Chunker_OverlongLine_SplitAtSentenceEndsNeverMidSentence()
    {
        var sentences = Enumerable.Range(0, 12).Select(i => $"Sentence number {i} talks about data pipelines and feature stores today.").ToArray();
        var episode = EpisodeOf(new TranscriptLine(100, "Guest", string.Join(' ', sentences)), new TranscriptLine(400, "Host", "Thanks."));

        var chunks = Sut(targetWords: 40).Chunk(episode);

        Assert.True(chunks.Count >= 3);
        foreach (var chunk in chunks)
            foreach (var line in chunk.Lines)
            {
                var row = chunk.Text.Substring(line.Offset, line.Length);
                Assert.True(row.EndsWith('.'), $"row cut mid-sentence: '{row}'");
            }
        var starts = chunks.SelectMany(c => c.Lines).Select(l => l.StartSec).ToArray();
        Assert.Equal(100, starts[0]);
        Assert.True(starts.SequenceEqual(starts.Order()), "parts of a line start in spoken order");
        Assert.All(chunks.SelectMany(c => c.Lines).Skip(1).SkipLast(1), l => Assert.True(l.StartIsEstimated));
    }

    [Fact]
    public void Chunker_EveryChunk_FitsTheTokenWindowWithItsContext()
    {
        var monologue = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"Point {i} is that monitoring matters a lot."));
        var episode = EpisodeOf(new TranscriptLine(0, "Guest", monologue));
        var counter = new WordBasedTokenCounter(64);
        var sut = new Chunker(Options.Create(new ChunkingOptions { TargetWords = 200 }), counter);

        var chunks = sut.Chunk(episode);

        Assert.All(chunks, c => Assert.True(counter.CountTokens(c.ContextualText) + 2 <= 64, $"{counter.CountTokens(c.ContextualText)} tokens"));
        Assert.Equal(TextStatistics.CountWords(monologue), chunks.Sum(c => c.WordCount));
    }

    [Fact]
    public void Chunker_ShortTail_MergedIntoPreviousChunk()
    {
        var episode = EpisodeOf(
            new TranscriptLine(0, "A", Words("alpha", 30)),
            new TranscriptLine(10, "A", Words("beta", 15)),
            new TranscriptLine(20, "B", "Bye."));

        var chunks = Sut(targetWords: 45).Chunk(episode);

        Assert.Equal("Bye.", chunks[^1].Text.Split('\n')[^1]);
        Assert.True(chunks[^1].WordCount >= 10);
    }

    [Fact]
    public void Chunker_ContextualText_StartsWithTitleAndChapterAndNamesSpeakers()
    {
        var episode = EpisodeOf(new TranscriptLine(0, "Nemanja", "Kubeflow is a pain.", Chapter: "Tooling"));

        var text = Assert.Single(Sut().Chunk(episode)).ContextualText;

        Assert.StartsWith("Lean MLOps — Tooling\n", text);
        Assert.Contains("Nemanja: Kubeflow is a pain.", text);
    }

    [Fact]
    public void Chunker_WithoutContextHeader_EmbedsOnlyTheSpeakersAndText_AndDescribesItselfDifferently()
    {
        var options = new ChunkingOptions { TargetWords = 50, ContextHeader = false };
        var episode = EpisodeOf(new TranscriptLine(0, "Nemanja", "Kubeflow is a pain.", Chapter: "Tooling"));

        var text = Assert.Single(new Chunker(Options.Create(options), new WordBasedTokenCounter(256)).Chunk(episode)).ContextualText;

        Assert.Equal("Nemanja: Kubeflow is a pain.", text);
        Assert.NotEqual(new ChunkingOptions { TargetWords = 50 }.Describe(), options.Describe());
    }

    [Fact]
    public void Chunker_TimestampsJumpingBack_ChunkSpansEveryLineItHolds()
    {
        var episode = EpisodeOf(
            new TranscriptLine(2957, "A", "We start again here after the cut."),
            new TranscriptLine(2424, "B", "This part was recorded earlier."),
            new TranscriptLine(2490, "A", "And this one too."));

        var chunk = Assert.Single(Sut().Chunk(episode));

        Assert.Equal(2424, chunk.StartSec);
        Assert.True(chunk.EndSec >= 2957, $"ends at {chunk.EndSec}");
    }

    [Fact]
    public void Chunker_GapInTranscript_ChunkEndsWhenItsLastLineWasSpoken()
    {
        var episode = EpisodeOf(
            new TranscriptLine(0, "A", Words("alpha", 40)),
            new TranscriptLine(20, "A", Words("beta", 6)),
            new TranscriptLine(1500, "B", Words("gamma", 45)));

        var chunks = Sut(targetWords: 50).Chunk(episode);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(23, chunks[0].EndSec); // 20 s + 6 words at 2.5 words/s, rounded up
        Assert.Equal(1500, chunks[1].StartSec);
    }

    [Fact]
    public void Chunker_NoTranscript_NoChunks() => Assert.Empty(Sut().Chunk(EpisodeOf()));
}
