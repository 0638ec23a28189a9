using System.Globalization;
using System.Text.Json;
using Ask.Adapters.Transcripts.Cues;
using Ask.Adapters.Transcripts.Sources;

namespace Ask.Adapters.Transcripts.Json;

/// <summary>Lenient reads of one member of a JSON item.</summary>
internal static class JsonFields
{
    /// <summary>
    /// A time in seconds: a number, a number in a string (<c>"12.5"</c>) or a clock time in a string
    /// (<c>"00:01:02.500"</c>), all of which exporters write. Null when missing or unreadable.
    /// </summary>
    public static double? Seconds(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.TryGetDouble(out var n) ? n : null;
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        return CueTiming.TryParseTime(text, out var clock) ? clock : null;
    }

    public static bool Has(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string member without control characters or bidirectional overrides; null when missing or not a string.</summary>
    public static string? Text(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            return null;
        // Escapes (\u0007, \u202E) reach the string after the file's text was cleaned.
        int controls = 0, bidi = 0;
        return UnsafeCharacters.Strip(value.GetString()!, ref controls, ref bidi);
    }
}
