namespace Ask.Core.Episodes;

/// <summary>
/// The id an episode is indexed, filtered and cited under. Episodes of the first archive keep their own
/// id, so its links, golden questions and figures never move; an episode of any other podcast is keyed
/// <c>{podcast}/{episode}</c>, so two shows that both have an <c>episode-1</c> never collide.
/// </summary>
public static class EpisodeKey
{
    public const char Separator = '/';

    public static string For(Podcast podcast, string episodeId) => For(podcast.Id, episodeId);

    public static string For(string podcastId, string episodeId) =>
        podcastId == Podcast.DataTalksClub.Id ? episodeId : podcastId + Separator + episodeId;

    /// <summary>The podcast id of an index key: the part before the separator, or the first archive's.</summary>
    public static string PodcastIdOf(string key)
    {
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        return separator > 0 ? key[..separator] : Podcast.DataTalksClub.Id;
    }
}
