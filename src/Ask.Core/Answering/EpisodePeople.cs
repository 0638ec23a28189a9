using System.Text;
using Ask.Core.Retrieval;

namespace Ask.Core.Answering;

/// <summary>
/// Who is who in an episode: its guests (ids such as <c>nemanjaradojkovic</c> or <c>sample-ravi-menon</c>),
/// the speakers of its transcript (first names: <c>Nemanja</c>), and the host — the speaker who is none of
/// the guests. Interviews alternate the host's questions and the guests' replies, so a guest's words
/// answer and the host's introductions and lead-ins only give context.
/// </summary>
/// <remarks>
/// Names are matched on letters only, ignoring case, spacing and hyphens: a guest id made from the
/// guest's name ("nemanjaradojkovic") starts with the first name the transcript uses and ends with the
/// surname a listener adds ("Nemanja Radojkovic", "Radojkovic's view").
/// </remarks>
public static class EpisodePeople
{
    private const int MinNameLetters = 3;

    /// <summary>Whether <paramref name="speaker"/> is one of <paramref name="guests"/>.</summary>
    public static bool IsGuest(string speaker, IReadOnlyList<string> guests) => guests.Any(g => NameOfGuest(speaker, g));

    /// <summary>
    /// The speaker is the episode's host (or another interviewer) in <paramref name="passage"/>: the speaker
    /// is none of the episode's guests, and the passage shows that its guests' ids can be told apart by
    /// name at all (<see cref="RolesKnown"/>). False when that is unknown.
    /// </summary>
    public static bool IsHost(string? speaker, Passage passage) =>
        speaker is not null && RolesKnown(passage) && !IsGuest(speaker, passage.Guests);

    /// <summary>
    /// Whether the guests' ids name people of <paramref name="passage"/>: one of its speakers is a guest,
    /// or its text gives a guest's full name ("Today we have Nemanja Radojkovic"). Ids that are not made
    /// from names (a feed's opaque ids) make everyone's role unknown rather than everyone a host.
    /// </summary>
    public static bool RolesKnown(Passage passage)
    {
        if (passage.Guests.Count == 0) return false;
        if (passage.Speakers.Any(s => IsGuest(s, passage.Guests))) return true;
        var ids = passage.Guests.Select(Letters).Where(id => id.Length > 0).ToArray();
        string? previous = null;
        foreach (var word in passage.Text.Split([' ', '\n', ',', '.', '!', '?', ';', ':', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var capitalised = word.Length >= 2 && char.IsUpper(word[0]);
            if (capitalised && previous is not null)
            {
                var fullName = Letters(previous + word);
                if (fullName.Length >= 6 && ids.Any(id => id.EndsWith(fullName, StringComparison.Ordinal))) return true;
            }
            previous = capitalised ? word : null;
        }
        return false;
    }

    /// <summary>
    /// Whether <paramref name="name"/> — one word or several ("Radojkovic", "Nemanja Radojkovic") — names
    /// the guest with <paramref name="guestId"/>: a part of a hyphenated id, the start or end of a
    /// concatenated one, or the whole of it.
    /// </summary>
    public static bool NameOfGuest(string name, string guestId)
    {
        var letters = Letters(name);
        if (letters.Length < MinNameLetters) return false;
        var id = Letters(guestId);
        if (id.Length == 0) return false;
        if (guestId.Split('-', '_', ' ', '.').Any(part => SameName(Letters(part), letters))) return true;
        if (id.StartsWith(letters, StringComparison.Ordinal) || id.EndsWith(letters, StringComparison.Ordinal)) return true;
        var (spelledId, spelled) = (Spelling(id), Spelling(letters));
        return spelledId.StartsWith(spelled, StringComparison.Ordinal) || spelledId.EndsWith(spelled, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether two names in <see cref="Letters"/> form are one name, in the same spelling or in two
    /// transliterations of it (<see cref="Spelling"/>: "Koenig" and "König", "Valeriy" and "Valerii").
    /// </summary>
    public static bool SameName(string a, string b) => a == b || (a.Length > 0 && Spelling(a) == Spelling(b));

    /// <summary>
    /// A name's letters reduced to what its transliterations share: an umlaut is written "ö", "o" or "oe"
    /// ("König", "Konig", "Koenig") and a Slavic ending "y", "ii" or "iy" ("Valeriy", "Valerii", "Valery").
    /// Both sides of a comparison are reduced alike, so names that only differ this way match.
    /// </summary>
    public static string Spelling(string letters) =>
        letters.Replace('y', 'i').Replace("ii", "i", StringComparison.Ordinal)
            .Replace("ae", "a", StringComparison.Ordinal).Replace("oe", "o", StringComparison.Ordinal).Replace("ue", "u", StringComparison.Ordinal);

    /// <summary>
    /// The speaker of <paramref name="passage"/> whom <paramref name="name"/> names: a speaker of that name,
    /// or the speaker who is the guest the name belongs to (a surname finds the first name the
    /// transcript uses). Null when the name is nobody of this passage.
    /// </summary>
    public static string? SpeakerNamed(string name, Passage passage)
    {
        var letters = Letters(name);
        if (letters.Length < MinNameLetters) return null;
        var speakers = passage.Speakers;
        foreach (var speaker in speakers)
            if (SameName(Letters(speaker), letters)) return speaker;
        foreach (var guest in passage.Guests)
        {
            if (!NameOfGuest(name, guest)) continue;
            foreach (var speaker in speakers)
                if (NameOfGuest(speaker, guest)) return speaker;
            // The metadata and the transcript may spell the guest differently ("micheallanham", "Michael"):
            // a speaker whose name is the id's start but for one swapped or changed letter is that guest.
            foreach (var speaker in speakers)
                if (OneSlipFromStart(Letters(speaker), Letters(guest))) return speaker;
        }
        // A full name of someone who is no guest here (the host: "Alexey Grigorev") finds the first name the transcript uses.
        var space = name.IndexOf(' ');
        if (space > 0 && !passage.Guests.Any(g => NameOfGuest(name, g)))
        {
            var first = Letters(name[..space]);
            foreach (var speaker in speakers)
                if (SameName(Letters(speaker), first)) return speaker;
        }
        return null;
    }

    // Short names are too close to each other ("Maria", "Marta") for one letter to count as a slip.
    private const int MinSlipLetters = 6;

    /// <summary>
    /// Whether <paramref name="name"/> (letters) is how <paramref name="id"/> (letters) begins, except for one
    /// letter changed or two neighbours swapped: a misspelling, not another name.
    /// </summary>
    private static bool OneSlipFromStart(string name, string id)
    {
        if (name.Length < MinSlipLetters || id.Length < name.Length) return false;
        var start = id.AsSpan(0, name.Length);
        var first = -1;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == start[i]) continue;
            if (first >= 0)
                // A second difference is allowed only as the other half of a swap with the first.
                return i == first + 1 && name[first] == start[i] && name[i] == start[first] && name.AsSpan(i + 1).SequenceEqual(start[(i + 1)..]);
            first = i;
        }
        return true;
    }

    /// <summary>Whether <paramref name="name"/> names a speaker or a guest of <paramref name="passage"/>.</summary>
    public static bool Names(string name, Passage passage) =>
        SpeakerNamed(name, passage) is not null || passage.Guests.Any(g => NameOfGuest(name, g));

    /// <summary>Lower-case letters and digits only, accents dropped: "Radojković-Smith" and "radojkovicsmith" are the same name.</summary>
    public static string Letters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c)) continue;
            var lower = char.ToLowerInvariant(c);
            // Ids write names in ASCII. The services run with invariant globalization, where string.Normalize has
            // no Unicode data and leaves "ö" whole, so accented letters are folded from a table of their own.
            if (Unaccented.TryGetValue(lower, out var plain)) sb.Append(plain);
            else sb.Append(lower);
        }
        return sb.ToString();
    }

    private static readonly Dictionary<char, string> Unaccented = BuildUnaccented();

    private static Dictionary<char, string> BuildUnaccented()
    {
        var map = new Dictionary<char, string>
        {
            ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ł'] = "l", ['ı'] = "i",
        };
        foreach (var (plain, accented) in new[]
        {
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ď"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭį"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀ"), ("n", "ñńņňŉ"), ("o", "òóôõöōŏő"),
            ("r", "ŕŗř"), ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
        })
            foreach (var c in accented) map[c] = plain;
        return map;
    }
}
