using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>
/// What the last run of a feed fetched, kept in the feed's folder: the validators of the feed and of each
/// item's transcript and chapters, the transcript's fingerprint, and the episode id each guid was given
/// (so an id stays the same when an item's title changes).
/// </summary>
internal sealed class FeedState
{
    public const string FileName = ".feed-state.json";
    private const long MaxBytes = 16L * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public Validators Feed { get; set; } = Validators.None;

    public Dictionary<string, ItemState> Items { get; set; } = new(StringComparer.Ordinal);

    public sealed class ItemState
    {
        public string Id { get; set; } = "";
        public string? TranscriptUrl { get; set; }
        public string? TranscriptFile { get; set; }
        public Validators Transcript { get; set; } = Validators.None;
        public string? Fingerprint { get; set; }
        public string? ChaptersUrl { get; set; }
        public Validators Chapters { get; set; } = Validators.None;
    }

    /// <summary>The state of the last run, or an empty one when there is none or it cannot be read (then everything is fetched again).</summary>
    public static FeedState Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > MaxBytes) return new FeedState();
            return JsonSerializer.Deserialize<FeedState>(File.ReadAllBytes(path), Json) ?? new FeedState();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new FeedState();
        }
    }

    /// <summary>Written under a temporary name and moved into place, so a killed run leaves the old state whole.</summary>
    public void Save(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
