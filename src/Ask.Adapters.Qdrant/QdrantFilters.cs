using Ask.Core.Retrieval;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>Translates <see cref="SearchFilter"/> to a Qdrant filter over indexed payload fields only.</summary>
internal static class QdrantFilters
{
    public static Filter? For(SearchFilter filter)
    {
        if (filter.IsEmpty) return null;
        var result = new Filter();
        if (filter.Podcasts.Count > 0) result.Must.Add(AnyPodcast(filter.Podcasts));
        if (filter.Episodes.Count > 0) result.Must.Add(AnyKeyword(Fields.EpisodeId, filter.Episodes));
        // Guests are stored lower-cased because SearchFilter compares them ignoring case.
        if (filter.Guests.Count > 0) result.Must.Add(AnyKeyword(Fields.Guests, filter.Guests.Select(g => g.ToLowerInvariant())));
        if (filter.Season is { } season)
            result.Must.Add(new Condition { Field = new FieldCondition { Key = Fields.Season, Match = new Match { Integer = season } } });
        return result;
    }

    public static Filter Episode(string episodeId) => new() { Must = { AnyKeyword(Fields.EpisodeId, [episodeId]) } };

    public static Filter Episodes(IEnumerable<string> episodeIds) => new() { Must = { AnyKeyword(Fields.EpisodeId, episodeIds) } };

    /// <summary>The episode's points except <paramref name="keep"/>: what an edited episode left behind.</summary>
    public static Filter StalePoints(string episodeId, IEnumerable<Guid> keep)
    {
        var filter = Episode(episodeId);
        var hasId = new HasIdCondition();
        hasId.HasId.AddRange(keep.Select(id => new PointId { Uuid = id.ToString() }));
        if (hasId.HasId.Count > 0) filter.MustNot.Add(new Condition { HasId = hasId });
        return filter;
    }

    /// <summary>
    /// Points of any of <paramref name="podcasts"/>. The first archive's also matches points with no podcast
    /// id, which a collection written before there were several podcasts holds.
    /// </summary>
    private static Condition AnyPodcast(IReadOnlyList<string> podcasts)
    {
        var any = new Filter();
        any.Should.Add(AnyKeyword(Fields.PodcastId, podcasts));
        if (podcasts.Contains(Core.Episodes.Podcast.DataTalksClub.Id, StringComparer.Ordinal))
            any.Should.Add(new Condition { IsEmpty = new IsEmptyCondition { Key = Fields.PodcastId } });
        return new Condition { Filter = any };
    }

    private static Condition AnyKeyword(string field, IEnumerable<string> values)
    {
        var keywords = new RepeatedStrings();
        keywords.Strings.AddRange(values.Distinct(StringComparer.Ordinal));
        return new Condition { Field = new FieldCondition { Key = field, Match = new Match { Keywords = keywords } } };
    }
}
