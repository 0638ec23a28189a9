using System.Security.Cryptography;
using System.Text;

namespace Ask.Adapters.Qdrant;

/// <summary>
/// Qdrant point ids must be integers or UUIDs, so a chunk's id is the RFC 4122 version-5 UUID of
/// <c>{episode}#{ordinal}</c>: the same in every process and on every machine, which makes upserts
/// idempotent and lets a re-ingest overwrite instead of duplicate. The readable id stays in the payload.
/// </summary>
internal static class ChunkPointId
{
    /// <summary>Ask's own namespace, so the ids never collide with another application's v5 UUIDs.</summary>
    public static readonly Guid Namespace = new("3c1f6f2e-8a4b-5e0c-9d7a-6b2e4f1a0c53");

    public static Guid For(string episodeId, int ordinal) => UuidV5(Namespace, $"{episodeId}#{ordinal}");

    public static Guid UuidV5(Guid ns, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        // RFC 4122 hashes the namespace in network byte order; Guid's default layout is little-endian.
        ns.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        // SHA-1 is what version 5 prescribes; it names points here, it protects nothing.
#pragma warning disable CA5350
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
