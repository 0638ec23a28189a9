using System.Xml;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// One forward pass over a feed before the syndication reader sees it: it refuses nesting deeper than
/// any feed has (the reader buffers extension elements recursively, and a hostile feed of 100,000 nested
/// elements would exhaust the stack) and feeds with more items than <see cref="MaxItems"/>.
/// </summary>
internal static class FeedShape
{
    /// <summary>rss, channel, item, a namespace element, and a few more for the odd nested extension.</summary>
    public const int MaxDepth = 32;

    /// <summary>Far more episodes than the longest-running daily show has published.</summary>
    public const int MaxItems = 20_000;

    /// <summary>Null when the shape is fine, else why the feed is refused.</summary>
    public static string? Problem(byte[] bytes, XmlReaderSettings settings)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        var items = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Depth >= MaxDepth)
                return $"elements are nested more than {MaxDepth} levels deep (line {((IXmlLineInfo)reader).LineNumber})";
            if (reader.Depth == 2 && reader.LocalName == "item" && ++items > MaxItems)
                return $"the feed has more than {MaxItems:N0} items";
        }
        return null;
    }
}
