using Ask.Core.Retrieval;
using Ask.Web.Page;

namespace Ask.Web.Tests.Page;

public sealed class MediaOriginsTests
{
    private static EpisodeSummary Episode(string id, string? audio, string? video = null) =>
        new(id, id, [], null, null, video, 1, 60) { AudioUrl = audio };

    [Fact]
    public void Of_AudioOnlyEpisodes_TheirWebOriginsOnceEach()
    {
        var origins = MediaOrigins.Of([
            Episode("a", "https://cdn.example.org/a.mp3?x=1"),
            Episode("b", "https://cdn.example.org/b.mp3"),
            Episode("c", "http://127.0.0.1:8081/c.wav"),
            Episode("d", "https://video.example.org/d.mp3", video: "yt1"),
            Episode("e", "javascript:alert(1)"),
            Episode("f", null),
        ]);

        Assert.Equal(["http://127.0.0.1:8081", "https://cdn.example.org"], origins);
    }

    [Fact]
    public void Of_MoreOriginsThanTheLimit_KeepsTheLimit()
    {
        var episodes = Enumerable.Range(0, MediaOrigins.MaxOrigins + 1).Select(i => Episode($"e{i}", $"https://host{i:D3}.example.org/a.mp3")).ToArray();

        Assert.Equal(MediaOrigins.MaxOrigins, MediaOrigins.Of(episodes.Take(MediaOrigins.MaxOrigins)).Count);
        Assert.Equal(MediaOrigins.MaxOrigins, MediaOrigins.Of(episodes).Count);
    }

    [Fact]
    public void Policy_WithoutAudio_HasNoMediaSource()
    {
        Assert.DoesNotContain("media-src", ChatPageExtensions.Policy([]));
        Assert.Contains("media-src 'self' https://cdn.example.org;", ChatPageExtensions.Policy(["https://cdn.example.org"]));
    }
}
