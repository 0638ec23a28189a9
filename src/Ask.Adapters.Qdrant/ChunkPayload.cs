using Ask.Core;
using Ask.Core.Chunking;
using Ask.Core.Episodes;
using Google.Protobuf.Collections;
using Qdrant.Client.Grpc;
using static Ask.Adapters.Qdrant.QdrantSchema;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Writes a chunk into a point payload and reads it back. The payload holds the whole chunk, so a search
/// hit is a complete <see cref="Chunk"/> without a second store; flat top-level fields are the ones filters
/// and payload indexes use.
/// </summary>
internal static class ChunkPayload
{
    public static void Write(MapField<string, Value> payload, Chunk chunk, string fingerprint)
    {
        payload[Fields.EpisodeId] = chunk.EpisodeId;
        payload[Fields.Ordinal] = (long)chunk.Ordinal;
        payload[Fields.ChunkId] = chunk.Id;
        payload[Fields.Fingerprint] = fingerprint;
        payload[Fields.EpisodeTitle] = chunk.EpisodeTitle;
        if (chunk.Chapter is not null) payload[Fields.Chapter] = chunk.Chapter;
        payload[Fields.StartSec] = chunk.StartSec;
        payload[Fields.EndSec] = chunk.EndSec;
        payload[Fields.Text] = chunk.Text;
        payload[Fields.Lines] = chunk.Lines.Select(LineValue).ToArray();
        payload[Fields.Guests] = chunk.Guests.Select(g => g.ToLowerInvariant()).ToArray();
        payload[Fields.GuestNames] = chunk.Guests.ToArray();
        payload[Fields.Speakers] = chunk.Speakers.ToArray();
        if (chunk.Season is { } season) payload[Fields.Season] = (long)season;
        if (chunk.EpisodeNumber is { } number) payload[Fields.EpisodeNumber] = (long)number;
        if (chunk.YouTubeId is not null) payload[Fields.YouTubeId] = chunk.YouTubeId;
        payload[Fields.PodcastId] = chunk.Podcast.Id;
        payload[Fields.PodcastTitle] = chunk.Podcast.Title;
        if (chunk.AudioUrl is not null) payload[Fields.AudioUrl] = chunk.AudioUrl;
        if (chunk.PageUrl is not null) payload[Fields.PageUrl] = chunk.PageUrl;
    }

    /// <summary>The podcast of a payload; one without a podcast id was written before there were several, by the first archive.</summary>
    public static Podcast PodcastOf(MapField<string, Value> payload) =>
        String(payload, Fields.PodcastId) is { } id && id != Podcast.DataTalksClub.Id
            ? new Podcast(id, String(payload, Fields.PodcastTitle) ?? id)
            : Podcast.DataTalksClub;

    public static Chunk Read(MapField<string, Value> payload)
    {
        var lines = payload.TryGetValue(Fields.Lines, out var l) && l.KindCase == Value.KindOneofCase.ListValue
            ? l.ListValue.Values.Select(ReadLine).ToArray()
            : [];
        return new Chunk(
            String(payload, Fields.EpisodeId) ?? throw Corrupt(Fields.EpisodeId),
            (int)(Integer(payload, Fields.Ordinal) ?? throw Corrupt(Fields.Ordinal)),
            String(payload, Fields.EpisodeTitle) ?? "",
            String(payload, Fields.Chapter),
            Double(payload, Fields.StartSec) ?? 0,
            Double(payload, Fields.EndSec) ?? 0,
            String(payload, Fields.Text) ?? "",
            lines)
        {
            Guests = Strings(payload, Fields.GuestNames),
            Season = (int?)Integer(payload, Fields.Season),
            EpisodeNumber = (int?)Integer(payload, Fields.EpisodeNumber),
            YouTubeId = String(payload, Fields.YouTubeId),
            Podcast = PodcastOf(payload),
            AudioUrl = String(payload, Fields.AudioUrl),
            PageUrl = String(payload, Fields.PageUrl),
        };
    }

    private static Value LineValue(ChunkLine line)
    {
        var fields = new Dictionary<string, Value>
        {
            [LineFields.StartSec] = line.StartSec,
            [LineFields.Offset] = (long)line.Offset,
            [LineFields.Length] = (long)line.Length,
            [LineFields.LineIndex] = (long)line.LineIndex,
        };
        if (line.Speaker is not null) fields[LineFields.Speaker] = line.Speaker;
        if (line.StartIsEstimated) fields[LineFields.StartIsEstimated] = true;
        return fields;
    }

    private static ChunkLine ReadLine(Value value)
    {
        var fields = value.StructValue.Fields;
        return new ChunkLine(
            Double(fields, LineFields.StartSec) ?? 0,
            String(fields, LineFields.Speaker),
            (int)(Integer(fields, LineFields.Offset) ?? 0),
            (int)(Integer(fields, LineFields.Length) ?? 0),
            (int)(Integer(fields, LineFields.LineIndex) ?? 0),
            fields.TryGetValue(LineFields.StartIsEstimated, out var e) && e.KindCase == Value.KindOneofCase.BoolValue && e.BoolValue);
    }

    public static string? String(MapField<string, Value> fields, string key) =>
        fields.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

    internal static long? Integer(MapField<string, Value> fields, string key) =>
        fields.TryGetValue(key, out var v)
            ? v.KindCase switch
            {
                Value.KindOneofCase.IntegerValue => v.IntegerValue,
                Value.KindOneofCase.DoubleValue => (long)v.DoubleValue,
                _ => null,
            }
            : null;

    // Qdrant keeps payload as JSON, where 60.0 and 60 are the same number: accept either kind back.
    internal static double? Double(MapField<string, Value> fields, string key) =>
        fields.TryGetValue(key, out var v)
            ? v.KindCase switch
            {
                Value.KindOneofCase.DoubleValue => v.DoubleValue,
                Value.KindOneofCase.IntegerValue => v.IntegerValue,
                _ => null,
            }
            : null;

    internal static string[] Strings(MapField<string, Value> fields, string key) =>
        fields.TryGetValue(key, out var v) && v.KindCase == Value.KindOneofCase.ListValue
            ? v.ListValue.Values.Where(x => x.KindCase == Value.KindOneofCase.StringValue).Select(x => x.StringValue).ToArray()
            : [];

    private static AskException Corrupt(string field) =>
        new($"A Qdrant point has no '{field}' in its payload; the collection was not written by Ask. Re-ingest with --rebuild.");
}
