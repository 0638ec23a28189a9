using System.Text.RegularExpressions;

namespace Ask.Adapters.Transcripts.EpisodeFiles;

/// <summary>Parses the ISO 8601 durations of the site (<c>PT01H01M06S</c>, <c>PT01H35S</c>, <c>PT58M</c>).</summary>
internal static partial class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (text is null) return false;
        var match = Shape().Match(text.Trim());
        if (!match.Success || match.Length <= 2) return false;
        double Part(string name) => match.Groups[name].Success
            ? double.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        duration = TimeSpan.FromSeconds(Part("d") * 86400 + Part("h") * 3600 + Part("m") * 60 + Part("s"));
        return true;
    }

    [GeneratedRegex(@"^P(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<m>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();
}
