using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// Reads an RSS 2.0 feed with <see cref="Rss20FeedFormatter"/> and the elements podcasts add to it: the
/// Podcasting 2.0 namespace (<c>transcript</c>, <c>chapters</c>, <c>person</c>, <c>season</c>,
/// <c>episode</c>) and iTunes' (<c>duration</c>, <c>season</c>, <c>episode</c>). A DTD is refused (entity
/// expansion bombs live there) and the document is capped in characters.
/// </summary>
internal static class RssFeedParser
{
    public const string PodcastNamespace = "https://podcastindex.org/namespace/1.0";
    public const string ItunesNamespace = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    /// <summary>The channel, or null with <paramref name="error"/> saying why the bytes are not a feed.</summary>
    public static FeedChannel? Parse(byte[] bytes, string? podcastId, long maxChars, out string? error)
    {
        error = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxChars,
            IgnoreComments = true,
        };
        SyndicationFeed feed;
        try
        {
            if (FeedShape.Problem(bytes, settings) is { } shape)
            {
                error = $"the feed is refused: {shape}";
                return null;
            }
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            reader.MoveToContent();
            // Podcast feeds write dates in every shape; an unreadable pubDate must cost the date, not the feed.
            var formatter = new Rss20FeedFormatter { DateTimeParser = LenientDate };
            if (!formatter.CanRead(reader))
            {
                error = $"not an RSS 2.0 feed: its root element is <{reader.Name}>, not <rss>";
                return null;
            }
            formatter.ReadFrom(reader);
            feed = formatter.Feed;
        }
        catch (XmlException e)
        {
            error = $"not a readable RSS feed: {e.Message}";
            return null;
        }
        var title = feed.Title?.Text?.Trim() is { Length: > 0 } t ? t : null;
        var link = feed.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
        var id = podcastId ?? (Slugs.From(title) is { Length: > 0 } fromTitle ? fromTitle : Slugs.From(link?.Host));
        if (id.Length == 0)
        {
            error = "the feed has neither a title nor a link to name the podcast by; name it with --podcast";
            return null;
        }
        return new FeedChannel(new Podcast(id, title ?? id), [.. feed.Items.Select(Item)]);
    }

    private static bool LenientDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        var text = data.DateTimeString?.Trim() ?? "";
        // RFC 822 zone names that DateTimeOffset does not know ("EST") are read as offsets first.
        foreach (var (zone, offset) in Zones)
            if (text.EndsWith(" " + zone, StringComparison.Ordinal)) { text = text[..^zone.Length] + offset; break; }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out value))
            value = default;
        return true;
    }

    private static readonly (string Zone, string Offset)[] Zones =
        [("GMT", "+0000"), ("UT", "+0000"), ("Z", "+0000"), ("EST", "-0500"), ("EDT", "-0400"), ("CST", "-0600"), ("CDT", "-0500"), ("MST", "-0700"), ("MDT", "-0600"), ("PST", "-0800"), ("PDT", "-0700")];

    private static FeedItem Item(SyndicationItem item, int index)
    {
        var notes = new List<string>();
        var extensions = item.ElementExtensions.Select(e => new Extension(e)).ToList();
        string? Text(string ns, string name) => extensions.FirstOrDefault(e => e.Is(ns, name))?.Value;
        var enclosure = item.Links.FirstOrDefault(l => l.RelationshipType == "enclosure")?.Uri;
        var page = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
        var title = item.Title?.Text?.Trim() is { Length: > 0 } t ? t : null;
        var guid = item.Id?.Trim() is { Length: > 0 } g ? g : enclosure?.ToString() ?? page?.ToString();
        if (title is null) notes.Add("the item has no title");

        TimeSpan? duration = null;
        if (Text(ItunesNamespace, "duration") is { } d)
        {
            if (Timestamp.TryParse(d, out var seconds)) duration = TimeSpan.FromSeconds(seconds);
            else notes.Add($"itunes:duration '{d}' is not a time; ignored");
        }
        return new FeedItem(guid ?? $"item-{index + 1}", title ?? $"Episode {index + 1}")
        {
            Published = item.PublishDate == default ? null : item.PublishDate,
            Duration = duration,
            AudioUrl = enclosure?.OriginalString,
            PageUrl = page?.OriginalString,
            Guests = [.. extensions.Where(e => e.Is(PodcastNamespace, "person") && string.Equals(e.Attribute("role"), "guest", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Value).OfType<string>().Where(n => n.Length > 0).Distinct()],
            Season = Number(Text(PodcastNamespace, "season") ?? Text(ItunesNamespace, "season")),
            Number = Number(Text(PodcastNamespace, "episode") ?? Text(ItunesNamespace, "episode")),
            Transcripts = [.. extensions.Where(e => e.Is(PodcastNamespace, "transcript") && e.Attribute("url") is { Length: > 0 })
                .Select(e => new FeedTranscript(e.Attribute("url")!, e.Attribute("type"), e.Attribute("rel")))],
            ChaptersUrl = extensions.FirstOrDefault(e => e.Is(PodcastNamespace, "chapters"))?.Attribute("url"),
            Notes = notes,
        };
    }

    // "3.5" (a bonus episode between 3 and 4) has no whole number; the episode is still read.
    private static int? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= int.MaxValue && n == Math.Floor(n) ? (int)n : null;

    /// <summary>One extension element, read once: its name, attributes and text.</summary>
    private sealed class Extension
    {
        private readonly Dictionary<string, string> _attributes = new(StringComparer.Ordinal);

        public Extension(SyndicationElementExtension extension)
        {
            (Namespace, Name) = (extension.OuterNamespace, extension.OuterName);
            using var reader = extension.GetReader();
            if (reader.HasAttributes)
                while (reader.MoveToNextAttribute()) _attributes[reader.LocalName] = reader.Value.Trim();
            reader.MoveToElement();
            try
            {
                Value = reader.IsEmptyElement ? null : reader.ReadElementContentAsString().Trim();
            }
            catch (XmlException)
            {
                // An element with child elements (itunes:owner) has no text of its own; none is read from it.
                Value = null;
            }
        }

        public string Namespace { get; }
        public string Name { get; }
        public string? Value { get; }

        public bool Is(string ns, string name) => Name == name && Namespace == ns;

        public string? Attribute(string name) => _attributes.GetValueOrDefault(name);
    }
}
