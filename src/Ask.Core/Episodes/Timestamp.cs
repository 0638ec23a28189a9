using System.Globalization;

namespace Ask.Core.Episodes;

/// <summary>Formats and parses the <c>M:SS</c> / <c>H:MM:SS</c> times people read.</summary>
public static class Timestamp
{
    /// <summary><c>M:SS</c> under an hour, <c>H:MM:SS</c> from one hour on; fractions are truncated.</summary>
    public static string Format(double seconds)
    {
        var total = (long)Math.Max(0, Math.Floor(seconds));
        var h = total / 3600;
        var m = total % 3600 / 60;
        var s = total % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }

    /// <summary>Always <c>H:MM:SS</c>.</summary>
    public static string FormatLong(double seconds)
    {
        var total = (long)Math.Max(0, Math.Floor(seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 3600}:{total % 3600 / 60:00}:{total % 60:00}");
    }

    /// <summary>
    /// Parses <c>SS</c>, <c>M:SS</c>, <c>MM:SS</c> and <c>H:MM:SS</c> (an optional <c>.fff</c> fraction).
    /// Minutes past 59 in the two-part form are accepted (<c>75:30</c> is 4530 s) because captions write them.
    /// Seconds must be below 60.
    /// </summary>
    public static bool TryParse(string? text, out double seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(':');
        if (parts.Length is < 1 or > 3) return false;
        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var isLast = i == parts.Length - 1;
            var part = parts[i];
            if (part.Length == 0) return false;
            if (!isLast && !part.All(char.IsAsciiDigit)) return false;
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
            if (isLast && parts.Length > 1 && value >= 60) return false;
            if (parts.Length == 3 && i == 1 && value >= 60) return false;
            total = total * 60 + value;
        }
        seconds = total;
        return true;
    }
}
