using System.Formats.Tar;
using System.IO.Compression;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// Extracts the files Ask can read (.md, .txt, .yml …) from .tar.gz and .zip archives, under limits.
/// Policy: an archive with any unsafe member is refused whole, and the message names every unsafe member
/// (a name leading outside the target folder or absolute, a link pointing outside it, a name given twice,
/// a member over the size cap or expanding like a bomb). The caller extracts into a staging folder and
/// deletes it on refusal, so nothing of a refused archive is ever ingested. Going over the entry count or
/// the total size stops at once: reading on would be the very exhaustion the caps exist to prevent.
/// Links that stay inside the folder, and devices or pipes, are never created (episodes need none).
/// </summary>
internal static class ArchiveExtractor
{
    private const int MaxLinkTargetBytes = 4096;

    public static async Task ExtractAsync(string archivePath, ArchiveKind kind, string targetFolder, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetFolder);
        var members = new MemberCheck(Path.GetFullPath(targetFolder), limits);
        try
        {
            if (kind == ArchiveKind.TarGzip) await ExtractTarGzipAsync(archivePath, members, limits, cancellationToken);
            else await ExtractZipAsync(archivePath, members, limits, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new AskException($"The archive is damaged or not a {(kind == ArchiveKind.Zip ? "zip" : "tar.gz")} archive: {e.Message}", innerException: e);
        }
        members.ThrowIfUnsafe();
    }

    private static async Task ExtractTarGzipAsync(string archivePath, MemberCheck members, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(archivePath);
        await using var guard = new ExpansionGuard(new GZipStream(file, CompressionMode.Decompress), file, limits);
        await using var tar = new TarReader(guard);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            members.Count();
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    if (members.PathOf(entry.Name) is { } folder) Directory.CreateDirectory(folder);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (members.FileTarget(entry.Name, entry.Length) is { } path && entry.DataStream is { } data)
                        await members.WriteAsync(entry.Name, data, path, compressedLength: null, cancellationToken);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    members.Link(entry.Name, entry.LinkName, entry.EntryType == TarEntryType.HardLink);
                    break;
                default:
                    // Devices, pipes and pax/GNU metadata entries carry no episode file.
                    break;
            }
        }
    }

    private static async Task ExtractZipAsync(string archivePath, MemberCheck members, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        if (ZipEntryCount.Read(archivePath) > limits.MaxEntries) members.TooManyEntries();
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            members.Count();
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                if (members.PathOf(entry.FullName) is { } folder) Directory.CreateDirectory(folder);
                continue;
            }
            if (IsZipSymlink(entry))
            {
                await using var stream = entry.Open();
                var target = new byte[MaxLinkTargetBytes];
                var read = await stream.ReadAtLeastAsync(target, target.Length, throwOnEndOfStream: false, cancellationToken);
                members.Link(entry.FullName, System.Text.Encoding.UTF8.GetString(target, 0, read), isHardLink: false);
                continue;
            }
            if (members.FileTarget(entry.FullName, entry.Length) is not { } path) continue;
            if (limits.IsBomb(entry.Length, entry.CompressedLength))
            {
                members.Unsafe(entry.FullName, $"expands {entry.Length:N0} bytes from {entry.CompressedLength:N0}, more than {limits.MaxCompressionRatio:N0} times (Episodes:MaxCompressionRatio)");
                continue;
            }
            await using var data = entry.Open();
            await members.WriteAsync(entry.FullName, data, path, entry.CompressedLength, cancellationToken);
        }
    }

    // Unix file type bits live in the high half of the external attributes of zips made on Unix.
    private static bool IsZipSymlink(ZipArchiveEntry entry) => ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;

    /// <summary>The full path of an entry, or an <see cref="AskException"/> when it escapes <paramref name="root"/>.</summary>
    internal static string SafePath(string root, string entryName) =>
        MemberCheck.Resolve(root, entryName)
        ?? throw new AskException($"The archive entry '{entryName}' would be written outside the target folder; the archive was refused.");
}
