using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>
/// Turns a file's bytes into text, or says why it is not a text file. UTF-8 (with or without a byte order
/// mark) and, with their byte order mark, UTF-16 and UTF-32 in either byte order are read. An invalid
/// UTF-8 sequence becomes one U+FFFD and is remembered, so the caller can warn about it on its line while
/// the rest of the file keeps every correct character (reading the whole file as Latin-1 instead would
/// garble every correct "—" and "’" around one bad byte).
/// </summary>
internal static class SourceDecoder
{
    private const int BinaryProbeBytes = 8192;

    /// <returns>The decoded text, or null with <paramref name="error"/> set.</returns>
    public static DecodedSource? Decode(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        if (bytes.Length == 0)
        {
            error = "the file is empty";
            return null;
        }
        if (WithByteOrderMark(bytes) is { } other) return other;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        // A NUL byte never occurs in UTF-8 text; it is the cheapest sign of a binary file.
        if (bytes[..Math.Min(bytes.Length, BinaryProbeBytes)].Contains((byte)0))
        {
            error = "the file is binary, not text";
            return null;
        }
        return DecodeUtf8(bytes);
    }

    private static DecodedSource? WithByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        // UTF-32 LE first: its mark begins with the UTF-16 LE one.
        Encoding? encoding = bytes switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => Encoding.Unicode,
            [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
            _ => null,
        };
        if (encoding is null) return null;
        var mark = encoding.GetPreamble().Length;
        // Unpaired surrogates become U+FFFD through the encoding's replacement fallback.
        return new DecodedSource(encoding.GetString(bytes[mark..]), [], encoding.WebName.ToUpperInvariant());
    }

    private static DecodedSource DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        // UTF-8 never needs more UTF-16 units than bytes, and one U+FFFD replaces at least one byte.
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var written = 0;
            var invalidCount = 0;
            List<InvalidSequence>? invalid = null;
            while (true)
            {
                var status = Utf8.ToUtf16(bytes, chars.AsSpan(written), out var read, out var produced, replaceInvalidSequences: false);
                written += produced;
                bytes = bytes[read..];
                if (status == OperationStatus.Done) break;
                // The maximal invalid subpart, as Unicode recommends: "one by one", never a whole run at once.
                Rune.DecodeFromUtf8(bytes, out _, out var bad);
                bad = Math.Max(1, bad);
                // Only the first ones are kept for warnings; a file of invalid bytes must not become
                // millions of records.
                if (invalidCount++ < TextCleaner.MaxInvalidWarnings)
                    (invalid ??= []).Add(new InvalidSequence(written, Convert.ToHexString(bytes[..bad])));
                chars[written++] = '\uFFFD';
                bytes = bytes[bad..];
            }
            return new DecodedSource(new string(chars, 0, written), invalid ?? [], "UTF-8") { InvalidCount = invalidCount };
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

/// <param name="InvalidSequences">Where U+FFFD replaced invalid UTF-8, by index into <paramref name="Text"/> (the first ones).</param>
internal sealed record DecodedSource(string Text, IReadOnlyList<InvalidSequence> InvalidSequences, string Encoding)
{
    /// <summary>How many invalid UTF-8 sequences were replaced in all.</summary>
    public int InvalidCount { get; init; }
}

/// <param name="Index">The index of the U+FFFD in the decoded text.</param>
/// <param name="Bytes">The replaced bytes, in hexadecimal.</param>
internal readonly record struct InvalidSequence(int Index, string Bytes);
