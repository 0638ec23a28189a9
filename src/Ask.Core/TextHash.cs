namespace Ask.Core;

/// <summary>Stable 64-bit hashes of text, the same in every process and on every machine (unlike <see cref="string.GetHashCode()"/>).</summary>
public static class TextHash
{
    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
