using Ask.Adapters.Slack.Answering;
using Microsoft.Extensions.Time.Testing;

namespace Ask.Adapters.Slack.Tests.Answering;

public sealed class RecentKeysTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void TryAdd_SameKeyWithinTheWindow_FalseAfterTheFirst()
    {
        var sut = new RecentKeys(_clock, TimeSpan.FromMinutes(10));

        Assert.True(sut.TryAdd("Ev1"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(sut.TryAdd("Ev1"));
        Assert.True(sut.TryAdd("Ev2"));
    }

    [Fact]
    public void TryAdd_AfterTheWindow_TrueAgain()
    {
        var sut = new RecentKeys(_clock, TimeSpan.FromMinutes(10));
        sut.TryAdd("Ev1");

        _clock.Advance(TimeSpan.FromMinutes(11));

        Assert.True(sut.TryAdd("Ev1"));
    }

    [Fact]
    public void TryAdd_OverCapacity_OldestForgotten()
    {
        var sut = new RecentKeys(_clock, TimeSpan.FromHours(1), capacity: 2);
        sut.TryAdd("a");
        sut.TryAdd("b");
        sut.TryAdd("c");

        Assert.True(sut.TryAdd("a"));
        Assert.False(sut.TryAdd("c"));
    }
}
