using Ask.Adapters.Transcripts.Sources;
using Ask.Core;

namespace Ask.Adapters.Transcripts.Archives;

/// <summary>
/// Judges the members of one archive as they are extracted: where each may be written, which are unsafe
/// (all collected, so the refusal names every one), and the running totals the caps apply to.
/// </summary>
internal sealed class MemberCheck(string root, ArchiveLimits limits)
{
    private const int BufferSize = 81920;
    private const int MaxNamedInMessage = 50;

    private readonly List<string> _unsafe = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _entries;
    private long _extracted;

    public void Count()
    {
        if (++_entries > limits.MaxEntries) TooManyEntries();
    }

    public void TooManyEntries() =>
        throw new AskException($"The archive has more than {limits.MaxEntries:N0} entries (Episodes:MaxArchiveEntries); the archive was refused.");

    public void Unsafe(string name, string reason) => _unsafe.Add($"'{name}' ({reason})");

    /// <summary>Where a folder entry goes, or null (and noted) when it leads outside.</summary>
    public string? PathOf(string name)
    {
        var path = Resolve(root, name);
        if (path is null) Unsafe(name, "would be written outside the target folder");
        return path;
    }

    /// <summary>Where a file member goes; null when it is unsafe (noted) or not a file Ask reads (skipped).</summary>
    public string? FileTarget(string name, long declaredLength)
    {
        if (PathOf(name) is not { } path) return null;
        if (!_seen.Add(path)) { Unsafe(name, "the same name twice; which one is meant cannot be told"); return null; }
        if (!SourceFiles.IsCandidate(path)) return null;
        if (declaredLength > limits.MaxMemberBytes) { Unsafe(name, TooLarge(declaredLength)); return null; }
        return path;
    }

    public void Link(string name, string target, bool isHardLink)
    {
        if (Resolve(root, name) is not { } path) { Unsafe(name, "would be written outside the target folder"); return; }
        // Hard link targets are archive paths; symbolic link targets are relative to the link's folder.
        var from = isHardLink ? root : Path.GetDirectoryName(path)!;
        var inside = !Path.IsPathRooted(target.Replace('\\', '/')) && IsInside(root, Path.GetFullPath(Path.Combine(from, target.Replace('\\', '/'))));
        if (!inside) Unsafe(name, $"a link to '{target}', outside the target folder");
    }

    /// <summary>Copies a member to its path, stopping at the member cap; a member that passes it is unsafe.</summary>
    public async Task WriteAsync(string name, Stream data, string path, long? compressedLength, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var buffer = new byte[BufferSize];
        long written = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                // The declared length may lie; what comes out of the stream is what counts.
                if (written > limits.MaxMemberBytes) { Unsafe(name, TooLarge(written) + " or more"); break; }
                if (compressedLength is { } c && limits.IsBomb(written, c))
                {
                    Unsafe(name, $"expands more than {limits.MaxCompressionRatio:N0} times its compressed size (Episodes:MaxCompressionRatio)");
                    break;
                }
                if ((_extracted += read) > limits.MaxExtractedBytes)
                    throw new AskException($"The archive expands to more than {limits.MaxExtractedBytes:N0} bytes (Episodes:MaxExtractedBytes); the archive was refused.");
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        if (written > limits.MaxMemberBytes || (compressedLength is { } cl && limits.IsBomb(written, cl))) File.Delete(path);
    }

    public void ThrowIfUnsafe()
    {
        if (_unsafe.Count == 0) return;
        var named = string.Join(", ", _unsafe.Take(MaxNamedInMessage)) + (_unsafe.Count > MaxNamedInMessage ? $", and {_unsafe.Count - MaxNamedInMessage} more" : "");
        throw new AskException($"The archive was refused: {_unsafe.Count} unsafe member(s): {named}. Nothing of it was kept.");
    }

    private string TooLarge(long size) => $"{size:N0} bytes, over the {limits.MaxMemberBytes:N0}-byte cap (Episodes:MaxFileBytes)";

    /// <summary>The full path of an entry inside <paramref name="root"/>, or null when it is absolute or escapes.</summary>
    internal static string? Resolve(string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (Path.IsPathRooted(name) || name.Contains('\0')) return null;
        var path = Path.GetFullPath(Path.Combine(root, name));
        return IsInside(root, path) ? path : null;
    }

    private static bool IsInside(string root, string path)
    {
        var inside = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return (path + Path.DirectorySeparatorChar).StartsWith(inside, StringComparison.Ordinal);
    }
}
