using Ask.Core.Episodes;

namespace Ask.Core.Tests.Episodes;

public class TimestampTests
{
    [Theory]
    [InlineData("0:33", 33)]
    [InlineData("12:30", 750)]
    [InlineData("59:58", 3598)]
    [InlineData("75:30", 4530)]
    [InlineData("1:15:31", 4531)]
    [InlineData("01:02:03", 3723)]
    [InlineData("7", 7)]
    public void TryParse_ValidTimes_ReturnSeconds(string text, double expected)
    {
        Assert.True(Timestamp.TryParse(text, out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("37:567")]
    [InlineData("1:60:00")]
    [InlineData("")]
    [InlineData("a:bc")]
    [InlineData("1::2")]
    public void TryParse_InvalidTimes_ReturnFalse(string text) => Assert.False(Timestamp.TryParse(text, out _));

    [Theory]
    [InlineData(4530, "1:15:30")]
    [InlineData(1217, "20:17")]
    [InlineData(5, "0:05")]
    [InlineData(3600, "1:00:00")]
    public void Format_Seconds_ReadableLabel(double seconds, string expected) => Assert.Equal(expected, Timestamp.Format(seconds));

    [Fact]
    public void YouTubeLink_PastAnHour_EndsWithSecondsParameter() =>
        Assert.Equal("https://www.youtube.com/watch?v=abc123&t=4530s", YouTubeLink.At("abc123", 4530.7));

    [Fact]
    public void YouTubeLink_NoVideo_IsNull() => Assert.Null(YouTubeLink.At(null, 10));
}
