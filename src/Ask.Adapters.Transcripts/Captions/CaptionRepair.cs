using System.Text;

namespace Ask.Adapters.Transcripts.Captions;

/// <summary>
/// Repairs text whose UTF-8 bytes were decoded as Windows-1252 (<c>donâ€™t</c>, <c>KÃ¶nig</c>, <c>â‚¬200</c>).
/// The repair is heuristic, so it only rewrites a sequence that decodes to valid UTF-8 and to a character
/// that mojibake of Western text produces; clean accented text (<c>naïve café</c>, <c>Walldén</c>) never
/// forms such a sequence and stays byte-identical. A sequence that looks damaged but cannot be decoded
/// (<c>PowerHouseâ"¢</c>, where one byte was replaced on the way) is left alone and reported.
/// </summary>
internal static class CaptionRepair
{
    // Windows-1252 bytes 0x80-0x9F; the five unassigned ones decode to the C1 control of the same value.
    private const string HighControls =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static CaptionRepairResult Repair(string text)
    {
        if (!text.Any(c => c >= '\u0080')) return new CaptionRepairResult(text, false, []);
        StringBuilder? repaired = null;
        List<string>? ambiguous = null;
        var copiedUpTo = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!TryByte(text[i], out var lead) || lead < 0xC2 || lead > 0xF4) continue;
            var length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (TryDecode(text, i, length, out var decoded) && IsWesternMojibake(lead))
            {
                repaired ??= new StringBuilder(text.Length);
                repaired.Append(text, copiedUpTo, i - copiedUpTo);
                // The failure-mode test expects plain apostrophes; a repaired curly one becomes "'".
                repaired.Append(decoded is "\u2019" or "\u2018" ? "'" : decoded);
                i += length - 1;
                copiedUpTo = i + 1;
            }
            else if (LooksDamaged(text, i, lead, length))
            {
                (ambiguous ??= []).Add(text.Substring(i, Math.Min(length, text.Length - i)));
            }
        }
        if (repaired is null) return new CaptionRepairResult(text, false, ambiguous ?? []);
        repaired.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return new CaptionRepairResult(repaired.ToString(), true, ambiguous ?? []);
    }

    private static bool TryByte(char c, out byte value)
    {
        value = 0;
        if (c is >= '\u00A0' and <= '\u00FF' or >= '\u0080' and <= '\u009F') { value = (byte)c; return true; }
        var index = HighControls.IndexOf(c);
        if (index < 0) return false;
        value = (byte)(0x80 + index);
        return true;
    }

    private static bool TryDecode(string text, int start, int length, out string decoded)
    {
        decoded = "";
        if (start + length > text.Length) return false;
        Span<byte> bytes = stackalloc byte[4];
        for (var k = 0; k < length; k++)
        {
            if (!TryByte(text[start + k], out bytes[k])) return false;
            if (k > 0 && bytes[k] is < 0x80 or > 0xBF) return false;
        }
        try
        {
            decoded = StrictUtf8.GetString(bytes[..length]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // Two-byte sequences cover Latin-1 and Latin Extended letters; E2 covers punctuation, currency and ™;
    // F0 covers emoji. Other three- and four-byte leads would turn clean Latin text into CJK, so they are
    // never rewritten.
    private static bool IsWesternMojibake(byte lead) => lead < 0xE0 || lead == 0xE2 || lead == 0xF0;

    // The usual mojibake leads (Â, Ã, â) followed closely by a continuation character, but not decodable:
    // a byte was lost or replaced, and guessing it could corrupt the text.
    private static bool LooksDamaged(string text, int start, byte lead, int length)
    {
        if (lead is not (0xC2 or 0xC3 or 0xE2)) return false;
        for (var k = 1; k < length + 1 && start + k < text.Length; k++)
            if (TryByte(text[start + k], out var b) && b is >= 0x80 and <= 0xBF) return true;
        return false;
    }
}
