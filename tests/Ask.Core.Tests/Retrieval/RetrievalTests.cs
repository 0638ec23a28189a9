using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Retrieval;

public class RetrievalTests
{
    private static Chunk C(string episode, int ordinal) =>
        new(episode, ordinal, episode.ToUpperInvariant(), null, ordinal * 60, ordinal * 60 + 60, $"text {episode} {ordinal}", [new ChunkLine(ordinal * 60, "A", 0, 5, ordinal)]);

    private static ScoredChunk S(string episode, int ordinal, double score = 1) => new(C(episode, ordinal), score);

    [Fact]
    public void Passage_OfChunksWhoseTimesJumpBack_SpansFromTheEarliestStartToTheLatestEnd()
    {
        // Chunk 8 comes after chunk 7 in the transcript, but its timestamps were cut from earlier in the recording.
        var later = new Chunk("a", 7, "A", null, 2957, 3000, "after the cut", [new ChunkLine(2957, "A", 0, 13, 70)]);
        var earlier = new Chunk("a", 8, "A", null, 2424, 2490, "recorded earlier", [new ChunkLine(2424, "A", 0, 16, 71)]);

        var passage = Assert.Single(PassageMerger.Merge([new(later, 1), new(earlier, 0.9)], 5, mergeNeighbours: true));

        Assert.Equal((2424.0, 3000.0), (passage.StartSec, passage.EndSec));
    }

    [Fact]
    public void RankFusion_ChunkInBothRankings_BeatsChunkFirstInOne()
    {
        var dense = new[] { S("a", 1), S("b", 1) };
        var lexical = new[] { S("c", 1), S("b", 1) };

        var fused = RankFusion.Fuse([(dense, 1.0), (lexical, 1.0)], 60);

        Assert.Equal("b#1", fused[0].Chunk.Id);
        Assert.Equal(3, fused.Count);
    }

    [Fact]
    public void RankFusion_Weights_TiltTheOrder()
    {
        var dense = new[] { S("a", 1) };
        var lexical = new[] { S("c", 1) };

        var fused = RankFusion.Fuse([(dense, 0.5), (lexical, 1.5)], 60);

        Assert.Equal("c#1", fused[0].Chunk.Id);
    }

    [Fact]
    public void PassageMerger_AdjacentChunksOfOneEpisode_BecomeOnePassage()
    {
        var ranked = new[] { S("a", 5, 0.9), S("b", 2, 0.8), S("a", 6, 0.7), S("a", 9, 0.6) };

        var passages = PassageMerger.Merge(ranked, 5, mergeNeighbours: true);

        Assert.Equal(3, passages.Count);
        Assert.Equal(["a#5", "a#6"], passages[0].Chunks.Select(c => c.Id));
        Assert.Equal(300, passages[0].StartSec);
        Assert.Equal(420, passages[0].EndSec);
        Assert.Equal(0.9, passages[0].Score);
    }

    [Fact]
    public void PassageMerger_Limit_CountsPassagesNotChunks()
    {
        var ranked = new[] { S("a", 1), S("a", 2), S("b", 1), S("c", 1) };

        var passages = PassageMerger.Merge(ranked, 2, mergeNeighbours: true);

        Assert.Equal(2, passages.Count);
        Assert.Equal(2, passages[0].Chunks.Count);
    }

    [Fact]
    public void PassageMerger_Disabled_KeepsNearDuplicates() =>
        Assert.Equal(2, PassageMerger.Merge([S("a", 1), S("a", 2)], 5, mergeNeighbours: false).Count);

    [Fact]
    public void PassageMerger_NeighbourRankedFarDown_NeitherMergedNorReturnedAlone()
    {
        var ranked = new[] { S("a", 5), S("b", 1), S("c", 1), S("d", 1), S("a", 6) };

        var passages = PassageMerger.Merge(ranked, 2, mergeNeighbours: true);

        Assert.Equal(["a#5"], passages[0].Chunks.Select(c => c.Id));
        Assert.DoesNotContain(passages, p => p.Chunks.Any(c => c.Id == "a#6"));
    }

    [Fact]
    public void PassageMerger_SameChunkTwice_ReturnedOnce() =>
        Assert.Single(PassageMerger.Merge([S("a", 5), S("a", 5)], 5, mergeNeighbours: true));

    [Fact]
    public void FuseScores_ScoresNormalisedPerRanking_StrongInBothWins()
    {
        var dense = new[] { S("b", 1, 0.85), S("a", 1, 0.80), S("c", 1, 0.20) };
        var lexical = new[] { S("c", 1, 30), S("b", 1, 25), S("d", 1, 5) };

        var fused = RankFusion.FuseScores([(dense, 1.0), (lexical, 1.0)]);

        Assert.Equal(["b#1", "c#1", "a#1", "d#1"], fused.Select(f => f.Chunk.Id));
        Assert.Equal(1.0, fused[1].Score, 3); // c: worst dense (0) + best lexical (1)
    }
}
