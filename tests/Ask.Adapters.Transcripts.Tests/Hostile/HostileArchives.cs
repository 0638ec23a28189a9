using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Ask.Adapters.Transcripts.Tests.Hostile;

/// <summary>
/// One hostile archive: its bytes, the limits it is downloaded under, and either the fragments the refusal
/// must name (every unsafe member) or null when it must be accepted, with the files that must then exist.
/// </summary>
public sealed record HostileArchive(string Kind, byte[] Bytes, EpisodeReaderOptions Options, string[]? Refusal, string[] Extracted);

/// <summary>The hostile archives (bombs, traversal, links, duplicates, caps), built in memory.</summary>
public static class HostileArchives
{
    private const string Episode = "---\ntitle: From an archive\ntranscript:\n- line: Hello from the archive.\n  sec: 3\n---\n";

    private static readonly EpisodeReaderOptions Defaults = new();

    public static IReadOnlyList<HostileArchive> All { get; } =
    [
        Refused("tar-traversal-several", Tar(File("_podcast/good.md"), File("../../a.md"), File("_podcast/../../../b.md")), "'../../a.md'", "'_podcast/../../../b.md'", "2 unsafe member(s)", "outside the target folder"),
        Refused("zip-traversal-several", Zip(("_podcast/good.md", Episode), ("../x.md", "evil"), ("..\\y.md", "evil")), "'../x.md'", "'..\\y.md'"),
        Refused("tar-absolute-path", Tar(File("/tmp/ask-absolute.md")), "'/tmp/ask-absolute.md'"),
        Refused("zip-absolute-path", Zip(("/tmp/ask-absolute.md", Episode)), "'/tmp/ask-absolute.md'"),
        Refused("tar-symlink-outside", Tar(File("_podcast/good.md"), Link(TarEntryType.SymbolicLink, "_podcast/passwd.md", "/etc/passwd"), Link(TarEntryType.SymbolicLink, "_podcast/up.md", "../../../secret")),
            "'_podcast/passwd.md' (a link to '/etc/passwd'", "'_podcast/up.md' (a link to '../../../secret'"),
        Refused("tar-hardlink-outside", Tar(Link(TarEntryType.HardLink, "_podcast/h.md", "../../etc/shadow")), "'_podcast/h.md' (a link to '../../etc/shadow'"),
        Refused("zip-symlink-outside", ZipWithSymlink("_podcast/link.md", "/etc/passwd"), "'_podcast/link.md' (a link to '/etc/passwd'"),
        Refused("tar-duplicate-names", Tar(File("_podcast/a.md"), File("_podcast/a.md"), File("_podcast/b.md"), File("_podcast/b.md")), "'_podcast/a.md' (the same name twice", "'_podcast/b.md' (the same name twice"),
        Refused("zip-duplicate-names", Zip(("_podcast/a.md", Episode), ("_podcast/a.md", "other")), "'_podcast/a.md' (the same name twice"),
        Refused("zip-bomb-member-ratio", Zip(("_podcast/bomb.md", new string('0', 5_000_000))), "'_podcast/bomb.md' (expands 5,000,000 bytes", "Episodes:MaxCompressionRatio"),
        Refused("tar-gz-bomb-stream", Tar(File("_podcast/bomb.md", new string('0', 50_000_000))), "decompression bomb", "Episodes:MaxCompressionRatio"),
        Refused("tar-member-over-cap", Tar(File("_podcast/big.md", Noise(200_000))), Limits(o => o.MaxFileBytes = 100_000), "'_podcast/big.md' (200,000 bytes, over the 100,000-byte cap (Episodes:MaxFileBytes)"),
        Refused("zip-member-over-cap", Zip(("_podcast/big.md", Noise(200_000))), Limits(o => o.MaxFileBytes = 100_000), "'_podcast/big.md' (200,000 bytes"),
        Refused("tar-too-many-entries", Tar([.. Enumerable.Range(0, 11).Select(i => File($"_podcast/e{i}.md"))]), Limits(o => o.MaxArchiveEntries = 10), "more than 10 entries (Episodes:MaxArchiveEntries)"),
        Refused("zip-too-many-entries", Zip([.. Enumerable.Range(0, 11).Select(i => ($"_podcast/e{i}.md", Episode))]), Limits(o => o.MaxArchiveEntries = 10), "more than 10 entries"),
        Refused("zip-entry-count-checked-before-opening", Zip([.. Enumerable.Range(0, 20_000).Select(i => ($"e{i}", ""))]), Limits(o => o.MaxArchiveEntries = 10_000), "more than 10,000 entries"),
        Refused("tar-total-over-cap", Tar(File("_podcast/a.md", Noise(60_000)), File("_podcast/b.md", Noise(60_000))), Limits(o => o.MaxExtractedBytes = 100_000), "more than 100,000 bytes (Episodes:MaxExtractedBytes)"),
        Refused("zip-total-over-cap", Zip(("_podcast/a.md", Noise(60_000)), ("_podcast/b.md", Noise(60_000))), Limits(o => o.MaxExtractedBytes = 100_000), "Episodes:MaxExtractedBytes"),
        Refused("download-over-cap", Zip(("_podcast/a.md", Noise(20_000))), Limits(o => o.MaxDownloadBytes = 1_000), "over the 1,000-byte cap (Episodes:MaxDownloadBytes)"),
        Refused("partly-unsafe-kept-nothing", Tar(File("_podcast/one.md"), File("_podcast/two.md"), File("../three.md")), "'../three.md'", "Nothing of it was kept"),
        Accepted("tar-symlink-inside-not-created", Tar(File("_podcast/good.md"), Link(TarEntryType.SymbolicLink, "_podcast/alias.md", "good.md")), "_podcast/good.md"),
        Accepted("tar-device-and-fifo-skipped", Tar(File("_podcast/good.md"), Special(TarEntryType.CharacterDevice, "_podcast/tty.md"), Special(TarEntryType.Fifo, "_podcast/pipe.md")), "_podcast/good.md"),
        Accepted("binary-members-not-extracted", Zip(("_podcast/good.md", Episode), ("_podcast/cover.png", Noise(50_000))), "_podcast/good.md"),
    ];

    public static IReadOnlyList<string> KindNames { get; } = [.. All.Select(a => a.Kind), "download-stalled-idle-timeout", "download-never-answers", "stale-temporaries-removed"];

    private static HostileArchive Refused(string kind, byte[] bytes, params string[] fragments) => new(kind, bytes, Defaults, fragments, []);

    private static HostileArchive Refused(string kind, byte[] bytes, EpisodeReaderOptions options, params string[] fragments) => new(kind, bytes, options, fragments, []);

    private static HostileArchive Accepted(string kind, byte[] bytes, params string[] extracted) => new(kind, bytes, Defaults, null, extracted);

    private static EpisodeReaderOptions Limits(Action<EpisodeReaderOptions> set)
    {
        var options = new EpisodeReaderOptions();
        set(options);
        return options;
    }

    // Random letters compress only about 1.5 times, so size caps are tested apart from the ratio.
    private static string Noise(int length)
    {
        var random = new Random(length);
        return new string([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))]);
    }

    private static TarEntry File(string name, string content = Episode) =>
        new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static TarEntry Link(TarEntryType type, string name, string target) => new PaxTarEntry(type, name) { LinkName = target };

    private static TarEntry Special(TarEntryType type, string name) => new PaxTarEntry(type, name);

    private static byte[] Tar(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in entries) tar.WriteEntry(entry);
        return buffer.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    private static byte[] ZipWithSymlink(string name, string target)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var good = zip.CreateEntry("_podcast/good.md").Open()) good.Write(Encoding.UTF8.GetBytes(Episode));
            var link = zip.CreateEntry(name);
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var stream = link.Open();
            stream.Write(Encoding.UTF8.GetBytes(target));
        }
        return buffer.ToArray();
    }
}
