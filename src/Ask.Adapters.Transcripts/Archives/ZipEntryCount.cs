using System.Buffers.Binary;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// The number of entries a zip declares in its end record, read before the archive is opened: opening
/// builds an object per entry, so a zip of a million empty entries would exhaust memory before any cap
/// on the entries could be checked. (The reader then refuses a directory that disagrees with the count.)
/// </summary>
internal static class ZipEntryCount
{
    private const uint EndSignature = 0x06054B50;
    private const uint Zip64LocatorSignature = 0x07064B50;
    private const uint Zip64EndSignature = 0x06064B50;
    private const int EndLength = 22;
    private const int MaxCommentLength = 0xFFFF;

    /// <returns>The declared count, or null when no end record is found (the reader will say it is damaged).</returns>
    public static long? Read(string path)
    {
        using var file = File.OpenRead(path);
        var tailLength = (int)Math.Min(file.Length, EndLength + MaxCommentLength);
        var tail = new byte[tailLength];
        file.Seek(-tailLength, SeekOrigin.End);
        file.ReadExactly(tail);
        for (var at = tailLength - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature) continue;
            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != 0xFFFF) return count;
            return Zip64Count(file, file.Length - tailLength + at);
        }
        return null;
    }

    // A zip64 archive keeps the real count in its own end record, found through a locator just before the classic one.
    private static long? Zip64Count(FileStream file, long endOffset)
    {
        if (endOffset < 20) return null;
        var locator = new byte[20];
        file.Seek(endOffset - 20, SeekOrigin.Begin);
        file.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature) return null;
        var recordOffset = BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8));
        if (recordOffset < 0 || recordOffset + 56 > file.Length) return null;
        var record = new byte[56];
        file.Seek(recordOffset, SeekOrigin.Begin);
        file.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature ? BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32)) : null;
    }
}
