using System.Text;

namespace Ask.Adapters.Transcripts.Sources;

/// <summary>Turns a file's bytes into text, or says why it is not a text file.</summary>
internal static class SourceDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <returns>The text, or null with <paramref name="error"/> set.</returns>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? error, out bool wasLatin1)
    {
        error = null;
        wasLatin1 = false;
        if (bytes.Length == 0)
        {
            error = "the file is empty";
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        // A NUL byte never occurs in the text formats read here; it is the cheapest sign of a binary file.
        if (bytes[..Math.Min(bytes.Length, 8192)].Contains((byte)0))
        {
            error = "the file is binary, not text";
            return null;
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: read it as Latin-1 so the text survives, and let the caller warn about it.
            wasLatin1 = true;
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
