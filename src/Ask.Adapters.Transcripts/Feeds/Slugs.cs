using System.Globalization;
using System.Text;

namespace Ask.Adapters.Transcripts.Feeds;

/// <summary>Lower-case ids made of ASCII letters, digits and single hyphens: <c>Lean Data Teams (Ep. 3)</c> becomes <c>lean-data-teams-ep-3</c>.</summary>
internal static class Slugs
{
    public const int MaxLength = 60;

    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // Accents are dropped, not the letters under them: "Café" becomes "cafe".
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var hyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (hyphen && slug.Length > 0) slug.Append('-');
                slug.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else hyphen = true;
            if (slug.Length >= MaxLength) break;
        }
        return slug.ToString().Trim('-');
    }

    public static bool IsValid(string? id) => !string.IsNullOrEmpty(id) && id.Length <= MaxLength && From(id) == id;
}
