using Ask.Core.Episodes;

namespace Ask.Core.Tests.Episodes;

public sealed class PodcastSpecTests
{
    [Theory]
    [InlineData("my-show", "my-show", "my-show")]
    [InlineData("my-show=My Show", "my-show", "My Show")]
    [InlineData(" show2 = Show: Two ", "show2", "Show: Two")]
    [InlineData("datatalksclub", "datatalksclub", "DataTalks.Club")]
    public void TryParse_ValidSpec_IdAndTitle(string spec, string id, string title)
    {
        var sut = PodcastSpec.TryParse(spec, out var error);

        Assert.Null(error);
        Assert.Equal(new Podcast(id, title), sut);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("My Show", "'My Show'")]
    [InlineData("a/b", "'a/b'")]
    [InlineData("-dash", "'-dash'")]
    [InlineData("show=", "title ''")]
    [InlineData("show=Bad\u0007Title", "control characters")]
    public void TryParse_BadSpec_SaysWhatIsWrong(string spec, string expected)
    {
        var sut = PodcastSpec.TryParse(spec, out var error);

        Assert.Null(sut);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void TryParse_IdAtTheLengthLimit_AcceptedOneMoreRefused()
    {
        Assert.NotNull(PodcastSpec.TryParse(new string('a', PodcastSpec.MaxIdLength), out _));
        Assert.Null(PodcastSpec.TryParse(new string('a', PodcastSpec.MaxIdLength + 1), out var error));
        Assert.Contains($"1 to {PodcastSpec.MaxIdLength}", error);
        Assert.NotNull(PodcastSpec.TryParse("a=" + new string('T', PodcastSpec.MaxTitleLength), out _));
        Assert.Null(PodcastSpec.TryParse("a=" + new string('T', PodcastSpec.MaxTitleLength + 1), out _));
    }
}
