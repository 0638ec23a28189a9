using System.Formats.Tar;
using System.IO.Compression;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// Extracts .tar.gz and .zip archives, refusing any entry that would land outside the target folder
/// (<c>../</c> names, absolute paths, links): one such entry marks the archive as hostile or broken.
/// </summary>
internal static class ArchiveExtractor
{
    public static async Task ExtractAsync(string archivePath, ArchiveKind kind, string targetFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetFolder);
        var root = Path.GetFullPath(targetFolder);
        try
        {
            if (kind == ArchiveKind.TarGzip) await ExtractTarGzipAsync(archivePath, root, cancellationToken);
            else ExtractZip(archivePath, root, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new AskException($"The archive is damaged or not a {(kind == ArchiveKind.Zip ? "zip" : "tar.gz")} archive: {e.Message}", innerException: e);
        }
    }

    private static async Task ExtractTarGzipAsync(string archivePath, string root, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(archivePath);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(SafePath(root, entry.Name));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var path = SafePath(root, entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
                    break;
                default:
                    // Links are not followed or created (a link can point anywhere, and episodes never need
                    // one); pax/GNU metadata entries carry no files of their own.
                    break;
            }
        }
    }

    private static void ExtractZip(string archivePath, string root, CancellationToken cancellationToken)
    {
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = SafePath(root, entry.FullName);
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
        }
    }

    /// <summary>The full path of an entry, or an <see cref="AskException"/> when it escapes <paramref name="root"/>.</summary>
    internal static string SafePath(string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        var path = Path.GetFullPath(Path.Combine(root, name));
        var inside = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(name) || !(path + Path.DirectorySeparatorChar).StartsWith(inside, StringComparison.Ordinal))
            throw new AskException($"The archive entry '{entryName}' would be written outside the target folder; the archive was refused.");
        return path;
    }
}
