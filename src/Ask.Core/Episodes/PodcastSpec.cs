using System.Text.RegularExpressions;

namespace Ask.Core.Episodes;

/// <summary>Reads a podcast given by a person, <c>id</c> or <c>id=Title</c> (<c>--podcast</c>, <c>Episodes:Podcast</c>).</summary>
public static partial class PodcastSpec
{
    public const int MaxIdLength = 40;
    public const int MaxTitleLength = 200;

    /// <summary>The podcast, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static Podcast? TryParse(string? spec, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(spec))
        {
            error = "is empty; give an id such as 'my-show' or 'my-show=My Show'";
            return null;
        }
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var id = (equals < 0 ? spec : spec[..equals]).Trim();
        var title = equals < 0 ? null : spec[(equals + 1)..].Trim();
        if (CheckId(id) is { } idError)
        {
            error = idError;
            return null;
        }
        if (title is not null && (title.Length == 0 || title.Length > MaxTitleLength || title.Any(char.IsControl)))
        {
            error = $"has the title '{title}', which must be 1 to {MaxTitleLength} characters without control characters";
            return null;
        }
        if (id == Podcast.DataTalksClub.Id && title is null) return Podcast.DataTalksClub;
        return new Podcast(id, title ?? id);
    }

    /// <summary>Null when <paramref name="id"/> is a valid podcast id, else what is wrong with it.</summary>
    public static string? CheckId(string id) =>
        id.Length is 0 or > MaxIdLength || !IdPattern().IsMatch(id)
            ? $"has the id '{id}', which must be 1 to {MaxIdLength} lower-case letters, digits and dashes, starting with a letter or digit"
            : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
