using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ask.Core;
using Ask.Core.Ingestion;

namespace Ask.Adapters.EmbeddedIndex;

/// <summary>
/// The file of an <see cref="EmbeddingCache"/>: a header (<c>ASKC</c>, format version, dimensions), then
/// records of a marker, the 16-byte text key, the vector and a checksum (the first 8 bytes of the SHA-256
/// of key and vector). The marker lets a reader find the next record after a damaged one; the checksum
/// tells a whole record from a torn or damaged one.
/// </summary>
internal sealed class CacheFile(string path, int dimensions)
{
    private const int Magic = 0x434B5341; // "ASKC"
    private const int Version = 2;
    private const int HeaderBytes = 16;
    private const uint Marker = 0x52454341; // "ACER"
    private const int KeyBytes = 16;
    private const int ChecksumBytes = 8;

    public string Path { get; } = path;

    private int RecordBytes => sizeof(uint) + KeyBytes + dimensions * sizeof(float) + ChecksumBytes;

    public readonly record struct ReadResult(int Records, int Damaged, bool OlderFormat);

    /// <summary>
    /// Adds every whole record to <paramref name="vectors"/>. A file of an older format is removed (its
    /// records carry no checksum, so none of them can be trusted); a file with damaged records is rewritten
    /// with the whole ones only, so that appends continue after a clean record.
    /// </summary>
    public ReadResult Read(Dictionary<UInt128, float[]> vectors)
    {
        if (!File.Exists(Path)) return new(0, 0, false);
        var bytes = File.ReadAllBytes(Path);
        if (!HasHeader(bytes))
        {
            File.Delete(Path);
            return new(0, 0, OlderFormat: true);
        }

        var records = new List<(UInt128 Key, float[] Vector)>();
        var damaged = 0;
        var position = HeaderBytes;
        var span = bytes.AsSpan();
        Span<byte> marker = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(marker, Marker);
        while (position < bytes.Length)
        {
            if (position + RecordBytes <= bytes.Length && TryRecord(span.Slice(position, RecordBytes), out var record))
            {
                records.Add(record);
                position += RecordBytes;
                continue;
            }
            damaged++;
            var next = span[(position + 1)..].IndexOf(marker);
            position = next < 0 ? bytes.Length : position + 1 + next;
        }
        foreach (var (key, vector) in records) vectors[key] = vector;
        if (damaged > 0) Rewrite(records);
        return new(records.Count, damaged, false);
    }

    /// <summary>Appends records in one write; a crash can tear only the last of them, which the next read skips.</summary>
    public void Append(IReadOnlyList<(UInt128 Key, float[] Vector)> records)
    {
        if (records.Count == 0) return;
        var buffer = new byte[records.Count * RecordBytes];
        for (var i = 0; i < records.Count; i++) Encode(records[i].Key, records[i].Vector, buffer.AsSpan(i * RecordBytes, RecordBytes));
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            if (stream.Position == 0) stream.Write(Header());
            var half = buffer.Length / 2;
            stream.Write(buffer, 0, half);
            stream.Flush();
            IngestCrashPoint.Pass("cache-append");
            stream.Write(buffer, half, buffer.Length - half);
        }
        catch (IOException e)
        {
            throw new AskException($"Could not add to the embedding cache {Path}: {e.Message} The index is unchanged.", innerException: e);
        }
    }

    private void Rewrite(List<(UInt128 Key, float[] Vector)> records)
    {
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(Header());
            var record = new byte[RecordBytes];
            foreach (var (key, vector) in records)
            {
                Encode(key, vector, record);
                stream.Write(record);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, Path, overwrite: true);
    }

    private bool HasHeader(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= HeaderBytes
        && BinaryPrimitives.ReadInt32LittleEndian(bytes) == Magic
        && BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]) == Version
        && BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) == dimensions;

    private byte[] Header()
    {
        var header = new byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), dimensions);
        return header;
    }

    private void Encode(UInt128 key, float[] vector, Span<byte> record)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, Marker);
        var payload = record[sizeof(uint)..^ChecksumBytes];
        MemoryMarshal.Write(payload, in key);
        MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(payload[KeyBytes..]);
        Checksum(payload, record[^ChecksumBytes..]);
    }

    private static bool TryRecord(ReadOnlySpan<byte> record, out (UInt128 Key, float[] Vector) value)
    {
        value = default;
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Marker) return false;
        var payload = record[sizeof(uint)..^ChecksumBytes];
        Span<byte> expected = stackalloc byte[ChecksumBytes];
        Checksum(payload, expected);
        if (!expected.SequenceEqual(record[^ChecksumBytes..])) return false;
        value = (MemoryMarshal.Read<UInt128>(payload), MemoryMarshal.Cast<byte, float>(payload[KeyBytes..]).ToArray());
        return true;
    }

    private static void Checksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        hash[..ChecksumBytes].CopyTo(destination);
    }
}
