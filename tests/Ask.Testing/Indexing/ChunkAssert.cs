using Ask.Core.Chunking;
using Xunit;

namespace Ask.Testing.Indexing;

/// <summary>
/// Field-by-field chunk comparison: <see cref="Chunk"/> is a record, but its lists compare by
/// reference, so a chunk read back from a store is never <c>Equal</c> to the one written.
/// </summary>
public static class ChunkAssert
{
    public static void Equivalent(Chunk expected, Chunk actual)
    {
        Assert.Equal(expected.EpisodeId, actual.EpisodeId);
        Assert.Equal(expected.Ordinal, actual.Ordinal);
        Assert.Equal(expected.EpisodeTitle, actual.EpisodeTitle);
        Assert.Equal(expected.Chapter, actual.Chapter);
        Assert.Equal(expected.StartSec, actual.StartSec);
        Assert.Equal(expected.EndSec, actual.EndSec);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.Guests, actual.Guests);
        Assert.Equal(expected.Season, actual.Season);
        Assert.Equal(expected.EpisodeNumber, actual.EpisodeNumber);
        Assert.Equal(expected.YouTubeId, actual.YouTubeId);
        Assert.Equal(expected.Podcast, actual.Podcast);
        Assert.Equal(expected.AudioUrl, actual.AudioUrl);
        Assert.Equal(expected.PageUrl, actual.PageUrl);
        Assert.Equal(expected.Speakers, actual.Speakers);
    }
}
