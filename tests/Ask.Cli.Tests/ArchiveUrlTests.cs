using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Ask.Testing;
using Ask.Adapters.Transcripts.Samples;

namespace Ask.Cli.Tests;

/// <summary><c>ask ingest URL</c> against a local HTTP server serving a site-repository-shaped archive.</summary>
public sealed class ArchiveUrlTests : IAsyncLifetime
{
    private readonly AskProcess _ask = new();
    private readonly LoopbackListener _listener;
    private readonly string _prefix;
    private byte[] _archive = [];

    public ArchiveUrlTests()
    {
        _listener = new LoopbackListener(AnswerAsync);
        _prefix = _listener.BaseAddress.ToString();
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        if (context.Request.Url!.AbsolutePath.EndsWith("/main.tar.gz", StringComparison.Ordinal) || context.Request.Url.AbsolutePath == "/codeload/refs/heads/main")
        {
            context.Response.ContentLength64 = _archive.Length;
            await context.Response.OutputStream.WriteAsync(_archive);
        }
        else context.Response.StatusCode = 404;
    }

    private static byte[] SiteArchive(string episodesFolder)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "site-main/README.md") { DataStream = new MemoryStream("# site"u8.ToArray()) });
            foreach (var file in Directory.GetFiles(episodesFolder))
                tar.WriteEntry(file, "site-main/_podcast/" + Path.GetFileName(file));
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Ingest_ArchiveUrl_DownloadsExtractsAndIndexesThePodcastFolder()
    {
        var episodes = Path.Combine(_ask.WorkDirectory, "src");
        SampleEpisodes.WriteTo(episodes);
        _archive = SiteArchive(episodes);

        var result = await _ask.RunAsync("ingest", _prefix + "archive/refs/heads/main.tar.gz", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(3, report.GetProperty("new").GetArrayLength());
    }

    // Such a URL is tried as a feed first (it names no archive); its first bytes show it is an archive.
    [Fact]
    public async Task Ingest_ArchiveUrlWithoutAnArchiveName_IsStillReadAsAnArchive()
    {
        var episodes = Path.Combine(_ask.WorkDirectory, "src");
        SampleEpisodes.WriteTo(episodes);
        _archive = SiteArchive(episodes);

        var result = await _ask.RunAsync("ingest", _prefix + "codeload/refs/heads/main", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("new").GetArrayLength());
    }

    [Fact]
    public async Task Ingest_UrlThatIsNotFound_FailsWithTheStatusAndUrl()
    {
        var result = await _ask.RunAsync("ingest", _prefix + "missing.tar.gz");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("404", result.Stderr);
        Assert.Contains("missing.tar.gz", result.Stderr);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _listener.DisposeAsync();
        _ask.Dispose();
    }
}
