using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Ask.Core.Episodes;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// The episode file written for a feed item: YAML front matter with its metadata and no transcript, so the
/// transcript file of the same name beside it supplies the transcript and the chapters file its chapters.
/// </summary>
internal static class FeedEpisodeFile
{
    // A JSON string is a valid YAML double-quoted scalar, escapes included: no value can break the YAML.
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(FeedItem item, Podcast podcast)
    {
        var yaml = new StringBuilder("---\n");
        Add(yaml, "title", item.Title);
        Add(yaml, "guid", item.Guid);
        yaml.Append("podcast:\n  id: ").Append(Quote(podcast.Id)).Append("\n  title: ").Append(Quote(podcast.Title)).Append('\n');
        if (item.Published is { } published) Add(yaml, "dateadded", published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (item.Duration is { } duration) Add(yaml, "duration", XmlConvert.ToString(TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds))));
        if (item.Season is { } season) yaml.Append("season: ").Append(season.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (item.Number is { } number) yaml.Append("episode: ").Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (item.AudioUrl is { } audio) Add(yaml, "audio", audio);
        if (item.PageUrl is { } page) Add(yaml, "page", page);
        if (item.Guests.Count > 0)
        {
            yaml.Append("guests:\n");
            foreach (var guest in item.Guests) yaml.Append("- ").Append(Quote(guest)).Append('\n');
        }
        return yaml.Append("---\n").ToString();
    }

    private static void Add(StringBuilder yaml, string key, string value) => yaml.Append(key).Append(": ").Append(Quote(value)).Append('\n');

    private static string Quote(string value) => JsonSerializer.Serialize(value, Quoting);
}
