using Ask.Core.Chunking;
using Ask.Core.Retrieval;

namespace Ask.Core.Tests.Retrieval;

public class IntroductionPenaltyTests
{
    private static readonly string[] Guests = ["valeriybabushkin"];

    // A chunk of one episode: each row is (speaker, text).
    private static ScoredChunk S(int ordinal, double score, params (string Speaker, string Text)[] rows)
    {
        var lines = new List<ChunkLine>();
        var offset = 0;
        foreach (var (speaker, text) in rows)
        {
            lines.Add(new ChunkLine(ordinal * 60, speaker, offset, text.Length, lines.Count));
            offset += text.Length + 1;
        }
        var chunk = new Chunk("ml-interviews", ordinal, "ML interviews", null, ordinal * 60, ordinal * 60 + 60,
            string.Join('\n', rows.Select(r => r.Text)), lines) { Guests = Guests };
        return new ScoredChunk(chunk, score);
    }

    private static readonly ScoredChunk Introduction = S(0, 2.0,
        ("Alexey", "Today we have Valeriy Babushkin, who will talk about system design interviews and how to prepare for them."),
        ("Valeriy", "Thanks."));

    private static readonly ScoredChunk Reply = S(20, 1.6,
        ("Valeriy", "To prepare, I would practise designing whole systems out loud, with the requirements first."));

    [Fact]
    public void Apply_HostIntroductionFirst_RanksBelowTheGuestsReply()
    {
        var ranked = IntroductionPenalty.Apply("How does Valeriy suggest preparing for system design interviews?", [Introduction, Reply], 0.4, 3, 0.5);

        Assert.Equal(["ml-interviews#20", "ml-interviews#0"], ranked.Select(c => c.Chunk.Id));
        Assert.Equal(1.6, ranked[0].Score, 6);
    }

    [Fact]
    public void Apply_QuestionAboutTheEpisode_KeepsTheIntroductionFirst()
    {
        var ranked = IntroductionPenalty.Apply("How does the host introduce Valeriy?", [Introduction, Reply], 0.4, 3, 0.5);

        Assert.Equal("ml-interviews#0", ranked[0].Chunk.Id);
    }

    [Fact]
    public void Apply_GuestAlreadyAnswersAtTheStart_NotPenalised()
    {
        var background = S(1, 2.0,
            ("Alexey", "Let's start with your background."),
            ("Valeriy", "I studied physics, then worked on recommender systems at a marketplace for several years before I moved on."));

        var ranked = IntroductionPenalty.Apply("What did Valeriy study?", [background, Reply], 0.4, 3, 0.5);

        Assert.Equal("ml-interviews#1", ranked[0].Chunk.Id);
        Assert.Equal(2.0, ranked[0].Score);
    }

    [Fact]
    public void Apply_HostChunkPastTheOpening_NotPenalised()
    {
        var leadIn = S(3, 2.0, ("Alexey", "So how should people prepare for system design interviews, in your experience?"));

        var ranked = IntroductionPenalty.Apply("How to prepare for system design interviews?", [leadIn, Reply], 0.4, 3, 0.5);

        Assert.Equal("ml-interviews#3", ranked[0].Chunk.Id);
    }

    [Fact]
    public void Apply_NoGuestSeenSpeaking_RolesUnknownSoNothingMoves()
    {
        // A feed's opaque guest ids name nobody: every speaker would look like the host.
        var opaque = new ScoredChunk(Introduction.Chunk with { Guests = ["guest-4711"] }, 2.0);
        var other = new ScoredChunk(Reply.Chunk with { Guests = ["guest-4711"] }, 1.6);

        var ranked = IntroductionPenalty.Apply("How to prepare for system design interviews?", [opaque, other], 0.4, 3, 0.5);

        Assert.Same(opaque, ranked[0]);
    }

    [Fact]
    public void Apply_PenaltyZero_ReturnsTheRankingUnchanged()
    {
        IReadOnlyList<ScoredChunk> fused = [Introduction, Reply];

        Assert.Same(fused, IntroductionPenalty.Apply("How to prepare?", fused, 0, 3, 0.5));
    }

    [Fact]
    public void HostShare_CountsTheTextOfSpeakersWhoAreNoGuest()
    {
        var chunk = S(0, 1, ("Alexey", "abcdefgh"), ("Valeriy", "ab")).Chunk;

        Assert.Equal(0.8, IntroductionPenalty.HostShare(chunk), 6);
    }

    [Theory]
    [InlineData("IntroductionPenalty", "-0.1")]
    [InlineData("IntroductionChunks", "-1")]
    [InlineData("IntroductionHostShare", "1.5")]
    public void Validator_OutOfRange_NamesTheKey(string key, string value)
    {
        var options = new RetrievalOptions();
        typeof(RetrievalOptions).GetProperty(key)!.SetValue(options,
            Convert.ChangeType(value, typeof(RetrievalOptions).GetProperty(key)!.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RetrievalOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Retrieval:{key}", result.FailureMessage);
    }

    [Fact]
    public void Validator_Defaults_Pass() =>
        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions()).Succeeded);
}
