using Ask.Core.Episodes;

namespace Ask.Core.Tests.Episodes;

public sealed class MomentLinkTests
{
    [Fact]
    public void At_EpisodeWithVideo_OpensTheVideoWhateverElseItHas() =>
        Assert.Equal("https://www.youtube.com/watch?v=abc&t=75s", MomentLink.At("abc", "https://cdn.example.org/a.mp3", "https://example.org/a", 75.9));

    [Fact]
    public void At_AudioOnly_AudioWithMediaFragment() =>
        Assert.Equal("https://cdn.example.org/a.mp3?x=1#t=75", MomentLink.At(null, "https://cdn.example.org/a.mp3?x=1", "https://example.org/a", 75.9));

    [Fact]
    public void At_AudioWithAFragmentOfItsOwn_FragmentReplaced() =>
        Assert.Equal("https://cdn.example.org/a.mp3#t=0", MomentLink.At(null, "https://cdn.example.org/a.mp3#t=300", null, -3));

    [Fact]
    public void At_PageOnly_ThePage() =>
        Assert.Equal("https://example.org/a", MomentLink.At(" ", null, "https://example.org/a", 75));

    [Fact]
    public void At_Nothing_Null() => Assert.Null(MomentLink.At(null, null, null, 75));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/a.mp3")]
    [InlineData("data:audio/wav;base64,AAAA")]
    public void At_AddressThatIsNotWeb_NeverALink(string address)
    {
        Assert.Null(MomentLink.At(null, address, null, 10));
        Assert.Null(MomentLink.At(null, null, address, 10));
        Assert.Equal("https://example.org/a", MomentLink.At(null, address, "https://example.org/a", 10));
    }

    [Fact]
    public void EpisodeKey_FirstArchiveKeepsItsIdOthersArePrefixed()
    {
        Assert.Equal("lean-mlops", EpisodeKey.For(Podcast.DataTalksClub, "lean-mlops"));
        Assert.Equal("other/lean-mlops", EpisodeKey.For(new Podcast("other", "Other"), "lean-mlops"));
        Assert.Equal("other", EpisodeKey.PodcastIdOf("other/lean-mlops"));
        Assert.Equal("datatalksclub", EpisodeKey.PodcastIdOf("lean-mlops"));
    }
}
