using Ask.Adapters.Slack.Answering;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Slack.Tests.Answering;

public sealed class SlidingWindowLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void TryAcquire_OverTheLimit_RefusedUntilAMinuteAfterTheOldest()
    {
        var sut = new SlidingWindowLimiter(2, _clock);

        Assert.True(sut.TryAcquire("U1"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(sut.TryAcquire("U1"));
        Assert.False(sut.TryAcquire("U1"));
        Assert.True(sut.TryAcquire("U2"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(sut.TryAcquire("U1"));
        Assert.False(sut.TryAcquire("U1"));
    }

    [Fact]
    public void Check_ChannelLimit_FriendlyMessageNamingTheChannel()
    {
        var sut = new AskerRateLimits(new SlackOptions { UserQuestionsPerMinute = 10, ChannelQuestionsPerMinute = 1 }, _clock);

        Assert.Null(sut.Check(new SlackQuestion("r1", QuestionSource.Mention, "q", "C1", "U1", "1.1")));
        Assert.Contains("This channel", sut.Check(new SlackQuestion("r2", QuestionSource.Mention, "q", "C1", "U2", "1.2")));
    }
}
